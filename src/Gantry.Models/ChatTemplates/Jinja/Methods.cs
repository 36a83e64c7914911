using System.Text;

namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>The Python methods templates call on values: <c>content.strip()</c>, <c>message.get('x')</c>, <c>d.items()</c>.</summary>
internal static class Methods
{
    public static object? Call(Interpreter interp, object? target, string name, CallArgs args) => target switch
    {
        string s => StringMethod(interp, s, name, args),
        Markup m => StringMethod(interp, m.Text, name, args),
        OrderedDictionary<object, object?> d => DictMethod(d, name, args),
        List<object?> l => ListMethod(l, name, args),
        LoopInfo loop when name == "cycle" => loop.Cycle(args.Positional),
        _ => throw Interpreter.Fail(args.At, $"'{Values.TypeName(target)}' object has no method '{name}'"),
    };

    private static string? OptionalString(CallArgs args, int index, string name)
    {
        var v = args.Get(index, name);
        return v switch
        {
            null or Undefined => null,
            string s => s,
            _ => throw Interpreter.Fail(args.At, $"argument '{name}' must be a string, not {Values.TypeName(v)}"),
        };
    }

    private static string RequiredString(CallArgs args, int index, string name) =>
        OptionalString(args, index, name) ?? throw Interpreter.Fail(args.At, $"missing string argument '{name}'");

    private static object? StringMethod(Interpreter interp, string s, string name, CallArgs args)
    {
        switch (name)
        {
            case "strip": return Strip(s, OptionalString(args, 0, "chars"), true, true);
            case "lstrip": return Strip(s, OptionalString(args, 0, "chars"), true, false);
            case "rstrip": return Strip(s, OptionalString(args, 0, "chars"), false, true);
            case "upper": return s.ToUpperInvariant();
            case "lower": return s.ToLowerInvariant();
            case "title": return Title(s);
            case "capitalize": return Capitalize(s);
            case "startswith": return AnyAffix(args, p => s.StartsWith(p, StringComparison.Ordinal));
            case "endswith": return AnyAffix(args, p => s.EndsWith(p, StringComparison.Ordinal));
            case "split": return Split(s, OptionalString(args, 0, "sep"), args.Get(1, "maxsplit") is long m ? m : -1, args);
            case "splitlines": return s.Split('\n').Select(x => (object?)x.TrimEnd('\r')).ToList() is var lines && s.EndsWith('\n') ? lines[..^1] : lines;
            case "replace":
                var old = RequiredString(args, 0, "old");
                var repl = RequiredString(args, 1, "new");
                long count = args.Get(2, "count") is long c ? c : -1;
                return interp.CheckSize(Replace(s, old, repl, count), args.At);
            case "find": return (long)s.IndexOf(RequiredString(args, 0, "sub"), StringComparison.Ordinal);
            case "count": return (long)CountOccurrences(s, RequiredString(args, 0, "sub"));
            case "join":
                return string.Join(s, (Values.Iterate(args.Get(0, "iterable")) ?? []).Select(Values.ToStr));
            case "isdigit": return s.Length > 0 && s.All(char.IsDigit);
            case "isspace": return s.Length > 0 && s.All(char.IsWhiteSpace);
            case "format":
                throw Interpreter.Fail(args.At, "str.format() is not supported");
            default:
                throw Interpreter.Fail(args.At, $"'str' object has no method '{name}'");
        }
    }

    private static bool AnyAffix(CallArgs args, Func<string, bool> test)
    {
        var v = args.Get(0, "prefix");
        return v switch
        {
            string p => test(p),
            List<object?> l => l.OfType<string>().Any(test),
            _ => throw Interpreter.Fail(args.At, "startswith/endswith take a string or a tuple of strings"),
        };
    }

    internal static string Strip(string s, string? chars, bool left, bool right)
    {
        int a = 0, b = s.Length;
        bool Strippable(char c) => chars is null ? char.IsWhiteSpace(c) : chars.Contains(c);
        if (left) while (a < b && Strippable(s[a])) a++;
        if (right) while (b > a && Strippable(s[b - 1])) b--;
        return s[a..b];
    }

    /// <summary>Python's <c>str.title()</c>: a letter after a non-letter is upper-cased, every other letter lower-cased.</summary>
    internal static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool prevLetter = false;
        foreach (char c in s)
        {
            sb.Append(prevLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            prevLetter = char.IsLetter(c);
        }
        return sb.ToString();
    }

    internal static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    private static List<object?> Split(string s, string? sep, long maxSplit, CallArgs args)
    {
        var result = new List<object?>();
        if (sep is null)
        {
            // Whitespace runs separate; leading and trailing whitespace gives no empty strings.
            int i = 0;
            while (i < s.Length)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                if (i >= s.Length) break;
                if (maxSplit >= 0 && result.Count == maxSplit) { result.Add(s[i..].TrimEnd()); return result; }
                int start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
                result.Add(s[start..i]);
            }
            return result;
        }
        if (sep.Length == 0) throw Interpreter.Fail(args.At, "empty separator");
        int from = 0;
        while (maxSplit < 0 || result.Count < maxSplit)
        {
            int at = s.IndexOf(sep, from, StringComparison.Ordinal);
            if (at < 0) break;
            result.Add(s[from..at]);
            from = at + sep.Length;
        }
        result.Add(s[from..]);
        return result;
    }

    internal static string Replace(string s, string old, string repl, long count)
    {
        if (count < 0) return old.Length == 0 ? string.Join(repl, s.Select(c => c.ToString()).Prepend("").Append("")) : s.Replace(old, repl, StringComparison.Ordinal);
        var sb = new StringBuilder();
        int from = 0;
        for (long n = 0; n < count && old.Length > 0; n++)
        {
            int at = s.IndexOf(old, from, StringComparison.Ordinal);
            if (at < 0) break;
            sb.Append(s, from, at - from).Append(repl);
            from = at + old.Length;
        }
        return sb.Append(s, from, s.Length - from).ToString();
    }

    private static int CountOccurrences(string s, string sub)
    {
        if (sub.Length == 0) return s.Length + 1;
        int n = 0;
        for (int at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static object? DictMethod(OrderedDictionary<object, object?> d, string name, CallArgs args)
    {
        switch (name)
        {
            case "items": return d.Select(kv => (object?)TupleValue.Pair(kv.Key, kv.Value)).ToList();
            case "keys": return d.Keys.ToList<object?>();
            case "values": return d.Values.ToList();
            case "get":
                var key = args.Get(0, "key");
                return key is not null and not Undefined && d.TryGetValue(key, out var v) ? v : args.Get(1, "default");
            default:
                throw Interpreter.Fail(args.At, $"'dict' object has no method '{name}'");
        }
    }

    // No append/pop: transformers renders in Jinja's ImmutableSandboxedEnvironment, which forbids mutating lists,
    // so real templates cannot rely on it.
    private static object? ListMethod(List<object?> l, string name, CallArgs args)
    {
        switch (name)
        {
            case "index":
                var target = args.Get(0, "value");
                int found = l.FindIndex(x => Values.Equals(x, target));
                return found >= 0 ? found : throw Interpreter.Fail(args.At, "value is not in list");
            case "count":
                var value = args.Get(0, "value");
                return (long)l.Count(x => Values.Equals(x, value));
            default:
                throw Interpreter.Fail(args.At, $"'list' object has no method '{name}'");
        }
    }
}
