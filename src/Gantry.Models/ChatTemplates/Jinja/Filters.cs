using System.Globalization;
using System.Text;

namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>Jinja filters used by chat templates: <c>value | name(args)</c>.</summary>
internal static class Filters
{
    public static object? Apply(Interpreter interp, string name, object? v, CallArgs args, Scope scope)
    {
        switch (name)
        {
            case "trim": return Methods.Strip(Str(v), args.Get(0, "chars") as string, true, true);
            case "upper": return Str(v).ToUpperInvariant();
            case "lower": return Str(v).ToLowerInvariant();
            case "capitalize": return Methods.Capitalize(Str(v));
            case "title": return Methods.Title(Str(v));
            case "string": return Str(v);
            case "safe": return v as Markup ?? new Markup(Str(v));
            case "escape" or "e": return v as Markup ?? new Markup(Markup.Escape(Str(v)));
            case "length" or "count": return Length(v, args);
            case "default" or "d":
                bool boolean = Values.IsTruthy(args.Get(1, "boolean", false));
                return v is Undefined || (boolean && !Values.IsTruthy(v)) ? args.Get(0, "default_value", "") : v;
            case "first": return Sequence(v, args).FirstOrDefault(Undefined.Instance);
            case "last": return Sequence(v, args).LastOrDefault(Undefined.Instance);
            case "list": return Sequence(v, args).ToList();
            case "reverse": return v is string s ? new string(s.Reverse().ToArray()) : Sequence(v, args).Reverse().ToList();
            case "unique": return Unique(Sequence(v, args));
            case "join":
                var attr = args.Get(1, "attribute") as string;
                var items = Sequence(v, args).Select(x => attr is null ? x : Interpreter.GetAttribute(x, attr));
                return interp.CheckSize(string.Join(args.Get(0, "d") as string ?? "", items.Select(Values.ToStr)), args.At);
            case "replace":
                return interp.CheckSize(Methods.Replace(Str(v), Str(args.Get(0, "old")), Str(args.Get(1, "new")), args.Get(2, "count") is long c ? c : -1), args.At);
            case "int": return ToInt(v, args.Get(0, "default", 0L));
            case "float": return ToFloat(v, args.Get(0, "default", 0.0));
            case "abs": return v switch { long n => (object)Math.Abs(n), double d => (object)Math.Abs(d), _ => throw Interpreter.Fail(args.At, "abs needs a number") };
            case "round": return Round(v, args);
            case "tojson": return ToJson(v, args);
            case "items":
                return v switch
                {
                    OrderedDictionary<object, object?> d => d.Select(kv => (object?)TupleValue.Pair(kv.Key, kv.Value)).ToList(),
                    Undefined => new List<object?>(),
                    _ => throw Interpreter.Fail(args.At, $"items filter needs a mapping, not {Values.TypeName(v)}"),
                };
            case "dictsort":
                if (v is not OrderedDictionary<object, object?> dict) throw Interpreter.Fail(args.At, "dictsort needs a mapping");
                return dict.OrderBy(kv => kv.Key, Comparer<object>.Create((a, b) => Values.Compare(a, b) ?? 0))
                    .Select(kv => (object?)TupleValue.Pair(kv.Key, kv.Value)).ToList();
            case "sort": return Sort(v, args);
            case "sum": return Sequence(v, args).Aggregate(args.Get(1, "start", 0L), (acc, x) => Arithmetic.Apply(interp, "+", acc, x, args.At));
            case "max": return Sequence(v, args).DefaultIfEmpty(Undefined.Instance).Aggregate((a, b) => Values.Compare(b, a) > 0 ? b : a);
            case "min": return Sequence(v, args).DefaultIfEmpty(Undefined.Instance).Aggregate((a, b) => Values.Compare(b, a) < 0 ? b : a);
            case "indent": return Indent(Str(v), args);
            case "wordcount": return (long)Str(v).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            // Jinja2 returns generators here, and yields nothing for a false input (none included).
            case "selectattr" or "rejectattr":
                return new GeneratorValue(Values.IsTruthy(v) ? SelectAttr(interp, v, args, scope, keep: name == "selectattr") : []);
            case "select" or "reject": return new GeneratorValue(Values.IsTruthy(v) ? Select(interp, v, args, scope, keep: name == "select") : []);
            case "map": return new GeneratorValue(Values.IsTruthy(v) ? Map(interp, v, args, scope) : []);
            default: throw Interpreter.Fail(args.At, $"unknown filter '{name}'");
        }
    }

    private static string Str(object? v) => Values.ToStr(v);

    private static IEnumerable<object?> Sequence(object? v, CallArgs args) =>
        Values.Iterate(v) ?? throw Interpreter.Fail(args.At, $"'{Values.TypeName(v)}' object is not iterable");

    private static long Length(object? v, CallArgs args) => v switch
    {
        string s => s.EnumerateRunes().Count(), // Python counts code points, not UTF-16 units
        Markup m => m.Text.EnumerateRunes().Count(),
        List<object?> l => l.Count,
        OrderedDictionary<object, object?> d => d.Count,
        Namespace ns => ns.Attributes.Count,
        Undefined => 0,
        _ => throw Interpreter.Fail(args.At, $"object of type '{Values.TypeName(v)}' has no length"),
    };

    private static List<object?> Unique(IEnumerable<object?> items)
    {
        var result = new List<object?>();
        foreach (var x in items) if (!result.Any(y => Values.Equals(x, y))) result.Add(x);
        return result;
    }

    private static object? ToInt(object? v, object? fallback) => v switch
    {
        long n => n,
        double d => double.IsFinite(d) ? (long)Math.Truncate(d) : fallback,
        bool b => b ? 1L : 0L,
        string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => (long)Math.Truncate(d),
        _ => fallback,
    };

    private static object? ToFloat(object? v, object? fallback) => v switch
    {
        long n => (double)n,
        double d => d,
        bool b => b ? 1.0 : 0.0,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => fallback,
    };

    private static object? Round(object? v, CallArgs args)
    {
        double d = Values.IsNumber(v) ? Values.ToDouble(v) : throw Interpreter.Fail(args.At, "round needs a number");
        int precision = args.Get(0, "precision", 0L) is long p ? (int)Math.Clamp(p, 0, 15) : 0;
        string method = args.Get(1, "method", "common") as string ?? "common";
        double scale = Math.Pow(10, precision);
        double r = method switch
        {
            "ceil" => Math.Ceiling(d * scale) / scale,
            "floor" => Math.Floor(d * scale) / scale,
            _ => Math.Round(d, precision, MidpointRounding.ToEven), // Python's round() is banker's rounding
        };
        return r;
    }

    private static string ToJson(object? v, CallArgs args)
    {
        int? indent = args.Get(0, "indent") is long n ? (int)Math.Clamp(n, 0, 64) : null;
        string itemSep = ", ", keySep = ": ";
        if (args.Get(-1, "separators") is List<object?> { Count: 2 } seps && seps[0] is string a && seps[1] is string b)
        {
            itemSep = a;
            keySep = b;
        }
        else if (indent is not null)
        {
            itemSep = ",";
        }
        bool sortKeys = Values.IsTruthy(args.Get(-1, "sort_keys", false));
        return JsonWriter.Write(v, indent, itemSep, keySep, sortKeys);
    }

    private static List<object?> Sort(object? v, CallArgs args)
    {
        bool reverse = Values.IsTruthy(args.Get(0, "reverse", false));
        var attr = args.Get(2, "attribute") as string;
        var items = Sequence(v, args).ToList();
        object? Key(object? x) => attr is null ? x : Interpreter.GetAttribute(x, attr);
        // List.Sort is not stable; Python's sort is. OrderBy is stable.
        var sorted = items.OrderBy(Key, Comparer<object?>.Create((a, b) => Values.Compare(a, b) ?? 0)).ToList();
        if (reverse) sorted.Reverse();
        return sorted;
    }

    private static string Indent(string s, CallArgs args)
    {
        var width = args.Get(0, "width", 4L);
        string pad = width is string ws ? ws : new string(' ', (int)Math.Clamp(width is long w ? w : 4, 0, 256));
        bool first = Values.IsTruthy(args.Get(1, "first", false));
        bool blank = Values.IsTruthy(args.Get(2, "blank", false));
        var lines = s.Split('\n');
        var sb = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0) sb.Append('\n');
            bool indentThis = (i > 0 || first) && (blank || lines[i].Length > 0);
            if (indentThis) sb.Append(pad);
            sb.Append(lines[i]);
        }
        return sb.ToString();
    }


    /// <summary><c>selectattr("role", "equalto", "user")</c>; with only an attribute, keeps items where it is truthy.</summary>
    private static List<object?> SelectAttr(Interpreter interp, object? v, CallArgs args, Scope scope, bool keep)
    {
        if (args.Positional.Count == 0 || args.Positional[0] is not string attr)
            throw Interpreter.Fail(args.At, "selectattr/rejectattr need an attribute name");
        var result = new List<object?>();
        foreach (var item in Sequence(v, args))
        {
            var value = Interpreter.GetAttribute(item, attr);
            if (PassesTest(interp, value, args, 1, scope) == keep) result.Add(item);
        }
        return result;
    }

    private static List<object?> Select(Interpreter interp, object? v, CallArgs args, Scope scope, bool keep) =>
        Sequence(v, args).Where(item => PassesTest(interp, item, args, 0, scope) == keep).ToList();

    private static bool PassesTest(Interpreter interp, object? value, CallArgs args, int testIndex, Scope scope)
    {
        if (args.Positional.Count <= testIndex) return Values.IsTruthy(value);
        var testName = args.Positional[testIndex] as string ?? throw Interpreter.Fail(args.At, "test name must be a string");
        var testArgs = new CallArgs(args.Positional.Skip(testIndex + 1).ToList(), new Dictionary<string, object?>(), args.At);
        return Predicates.Test(interp, testName, value, testArgs, scope);
    }

    /// <summary><c>map(attribute='name')</c> or <c>map('upper')</c>.</summary>
    private static List<object?> Map(Interpreter interp, object? v, CallArgs args, Scope scope)
    {
        if (args.Named.TryGetValue("attribute", out var a) && a is string attr)
        {
            var dflt = args.Named.TryGetValue("default", out var d) ? d : Undefined.Instance;
            return Sequence(v, args).Select(x => Interpreter.GetAttribute(x, attr) is var r && r is Undefined ? dflt : r).ToList();
        }
        if (args.Positional.Count == 0 || args.Positional[0] is not string filter)
            throw Interpreter.Fail(args.At, "map needs attribute='...' or a filter name");
        var rest = new CallArgs(args.Positional.Skip(1).ToList(), args.Named, args.At);
        return Sequence(v, args).Select(x => Apply(interp, filter, x, rest, scope)).ToList();
    }
}
