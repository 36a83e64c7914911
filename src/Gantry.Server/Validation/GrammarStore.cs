using Gantry.Engine.Constraints;

namespace Gantry.Server.Validation;

/// <summary>
/// Compiled constraints by their source text, process-wide: a schema compiles once (hundreds of milliseconds for a
/// large one) and every later request with the same text gets the same <see cref="Grammar"/> instance, which is also
/// what lets each engine share that grammar's automaton and cached token masks (<see cref="ConstraintCache"/> keys by
/// reference). At most <see cref="Capacity"/> are kept, the least recently used dropped first. Thread-safe; compilation
/// runs outside the lock, so two first requests with one new schema may both compile it (the first stored wins).
/// </summary>
internal static class GrammarStore
{
    public const int Capacity = 128;

    private static readonly Dictionary<string, (Grammar Grammar, long LastUse)> s_entries = new(StringComparer.Ordinal);
    private static readonly Lock s_lock = new();
    private static long s_uses;

    /// <param name="key">The kind of source and its text (two sources with one key must compile to the same grammar).</param>
    /// <exception cref="ConstraintException">From <paramref name="compile"/>; failures are not stored.</exception>
    public static Grammar GetOrCompile(string key, Func<Grammar> compile)
    {
        lock (s_lock)
        {
            if (s_entries.TryGetValue(key, out var hit))
            {
                s_entries[key] = (hit.Grammar, ++s_uses);
                return hit.Grammar;
            }
        }
        var grammar = compile();
        lock (s_lock)
        {
            if (s_entries.TryGetValue(key, out var raced)) return raced.Grammar;
            if (s_entries.Count >= Capacity) s_entries.Remove(s_entries.MinBy(e => e.Value.LastUse).Key);
            s_entries[key] = (grammar, ++s_uses);
            return grammar;
        }
    }
}
