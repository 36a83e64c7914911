def examples():
    return []
