from .cli import main

if __name__ == "__main__":  # not when a process of `storyline serve --workers` starts (multiprocessing "spawn" imports it)
    main()
