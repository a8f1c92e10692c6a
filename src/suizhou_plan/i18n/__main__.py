from suizhou_plan.i18n.catalogue import main

main()
