namespace Gantry.Engine.Constraints;

/// <summary>
/// Checks a lowered grammar before anything matches with it, and computes the shortest completions the matcher
/// uses to finish within a token budget. A rule reachable from the root must have a finite derivation (else a
/// generation could never end) and must not be left-recursive (else expanding a stack would never end).
/// </summary>
internal static class GrammarAnalysis
{
    /// <summary>Saturating "infinity" for lengths; sums stay below int overflow.</summary>
    public const int Unbounded = int.MaxValue / 4;

    /// <summary>Returns (elements) the fewest bytes from each element to the end of its alternative.</summary>
    public static int[] Check(ElementKind[] kinds, int[] operands, int[][] alternatives, int root, List<string> names, List<(int Line, int Column)> origins)
    {
        var ruleMin = ShortestRules(kinds, operands, alternatives);
        var reachable = Reachable(kinds, operands, alternatives, root);
        for (var r = 0; r < alternatives.Length; r++)
        {
            if (reachable[r] && ruleMin[r] >= Unbounded)
                throw new GrammarSyntaxException($"rule '{names[r]}' can never finish: every alternative recurses without end", origins[r].Line, origins[r].Column);
        }
        CheckLeftRecursion(kinds, operands, alternatives, ruleMin, reachable, names, origins);

        var minRest = new int[kinds.Length];
        foreach (var alts in alternatives)
            foreach (var start in alts)
            {
                var end = start;
                while (kinds[end] != ElementKind.End) end++;
                var rest = 0;
                for (var e = end - 1; e >= start; e--)
                {
                    rest = Math.Min(Unbounded, rest + (kinds[e] == ElementKind.ByteSet ? 1 : ruleMin[operands[e]]));
                    minRest[e] = rest;
                }
            }
        return minRest;
    }

    /// <summary>Fewest bytes each rule can match (fixed point from "unbounded").</summary>
    private static int[] ShortestRules(ElementKind[] kinds, int[] operands, int[][] alternatives)
    {
        var min = new int[alternatives.Length];
        Array.Fill(min, Unbounded);
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r < alternatives.Length; r++)
            {
                foreach (var start in alternatives[r])
                {
                    long sum = 0;
                    for (var e = start; kinds[e] != ElementKind.End && sum < Unbounded; e++)
                        sum += kinds[e] == ElementKind.ByteSet ? 1 : min[operands[e]];
                    var length = (int)Math.Min(sum, Unbounded);
                    if (length < min[r])
                    {
                        min[r] = length;
                        changed = true;
                    }
                }
            }
        } while (changed);
        return min;
    }

    private static bool[] Reachable(ElementKind[] kinds, int[] operands, int[][] alternatives, int root)
    {
        var seen = new bool[alternatives.Length];
        var work = new Stack<int>();
        seen[root] = true;
        work.Push(root);
        while (work.Count > 0)
        {
            foreach (var start in alternatives[work.Pop()])
                for (var e = start; kinds[e] != ElementKind.End; e++)
                {
                    if (kinds[e] != ElementKind.RuleRef || seen[operands[e]]) continue;
                    seen[operands[e]] = true;
                    work.Push(operands[e]);
                }
        }
        return seen;
    }

    /// <summary>A rule is left-recursive when it can reach itself at the start of an alternative, skipping rules that match empty.</summary>
    private static void CheckLeftRecursion(ElementKind[] kinds, int[] operands, int[][] alternatives, int[] ruleMin, bool[] reachable, List<string> names, List<(int Line, int Column)> origins)
    {
        var leftmost = new List<int>[alternatives.Length];
        for (var r = 0; r < alternatives.Length; r++)
        {
            leftmost[r] = [];
            foreach (var start in alternatives[r])
                for (var e = start; kinds[e] == ElementKind.RuleRef; e++)
                {
                    leftmost[r].Add(operands[e]);
                    if (ruleMin[operands[e]] != 0) break;
                }
        }
        // Iterative DFS with colours: 1 = on the current path, 2 = done.
        var colour = new byte[alternatives.Length];
        for (var r = 0; r < alternatives.Length; r++)
        {
            if (!reachable[r] || colour[r] != 0) continue;
            var path = new Stack<(int Rule, int Next)>();
            path.Push((r, 0));
            colour[r] = 1;
            while (path.Count > 0)
            {
                var (rule, next) = path.Pop();
                if (next < leftmost[rule].Count)
                {
                    path.Push((rule, next + 1));
                    var child = leftmost[rule][next];
                    if (colour[child] == 1)
                        throw new GrammarSyntaxException($"rule '{names[child]}' is left-recursive (it can start with itself); rewrite it with repetition", origins[child].Line, origins[child].Column);
                    if (colour[child] == 0)
                    {
                        colour[child] = 1;
                        path.Push((child, 0));
                    }
                }
                else
                    colour[rule] = 2;
            }
        }
    }
}
