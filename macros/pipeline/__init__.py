"""The build's steps: site config, the staged files, the stage, make build, the CSP step, the serve hook. (Not named
build/: .gitignore and ruff skip every folder of that name.)"""
