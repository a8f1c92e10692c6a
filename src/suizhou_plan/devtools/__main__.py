from suizhou_plan.devtools.catalogue import main

main()
