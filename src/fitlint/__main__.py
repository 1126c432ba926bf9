from fitlint.cli import console

console()
