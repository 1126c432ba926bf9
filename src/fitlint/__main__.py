from fitlint.cli import main

raise SystemExit(main())
