using System.Globalization;
using System.Text;

namespace Gantry.Models.ChatTemplates.Jinja;

// Runtime values are plain CLR objects with Python's meaning:
//   null = None, bool, long = int, double = float, string = str,
//   List<object?> = list (and tuple), OrderedDictionary<object, object?> = dict (insertion-ordered, as in Python),
//   plus TupleValue, Undefined, Namespace, LoopInfo, Macro and Builtin (RuntimeObjects.cs).

/// <summary>Python semantics over those values: truthiness, str()/repr(), ==, ordering, iteration.</summary>
internal static class Values
{
    public static OrderedDictionary<object, object?> NewDict() => new(ValueComparer.Instance);

    public static bool IsTruthy(object? v) => v switch
    {
        null or Undefined => false,
        bool b => b,
        long n => n != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> l => l.Count > 0,
        OrderedDictionary<object, object?> d => d.Count > 0,
        Markup m => m.Text.Length > 0,
        _ => true, // a generator is true even when empty, as in Python
    };

    public static bool IsNumber(object? v) => v is long or double or bool;

    public static double ToDouble(object? v) => v switch
    {
        long n => n,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new InvalidCastException(),
    };

    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        Undefined => "undefined",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        TupleValue => "tuple",
        List<object?> => "list",
        OrderedDictionary<object, object?> => "dict",
        Namespace => "Namespace",
        Macro or Builtin => "function",
        GeneratorValue => "generator",
        Markup => "Markup",
        LoopInfo => "LoopContext",
        _ => v.GetType().Name,
    };

    /// <summary>Python's <c>str()</c>, which is what <c>{{ x }}</c> and <c>~</c> print.</summary>
    public static string ToStr(object? v) => v switch
    {
        string s => s,
        Markup m => m.Text,
        Undefined => "",
        _ => Repr(v),
    };

    /// <summary>Python's <c>repr()</c>, used for items inside printed lists and dicts.</summary>
    public static string Repr(object? v)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, v, 0);
        return sb.ToString();
    }

    private static void AppendRepr(StringBuilder sb, object? v, int depth)
    {
        if (depth > 100) { sb.Append("..."); return; }
        switch (v)
        {
            case null: sb.Append("None"); break;
            case Undefined: break;
            case bool b: sb.Append(b ? "True" : "False"); break;
            case long n: sb.Append(n.ToString(CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(FormatFloat(d)); break;
            case string s: AppendStringRepr(sb, s); break;
            case Markup m: sb.Append("Markup("); AppendStringRepr(sb, m.Text); sb.Append(')'); break;
            case GeneratorValue: sb.Append("<generator object>"); break;
            case List<object?> l:
                bool tuple = l is TupleValue;
                sb.Append(tuple ? '(' : '[');
                for (int i = 0; i < l.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendRepr(sb, l[i], depth + 1);
                }
                if (tuple && l.Count == 1) sb.Append(',');
                sb.Append(tuple ? ')' : ']');
                break;
            case OrderedDictionary<object, object?> d:
                sb.Append('{');
                int k = 0;
                foreach (var (key, value) in d)
                {
                    if (k++ > 0) sb.Append(", ");
                    AppendRepr(sb, key, depth + 1);
                    sb.Append(": ");
                    AppendRepr(sb, value, depth + 1);
                }
                sb.Append('}');
                break;
            case Namespace: sb.Append("<Namespace>"); break;
            default: sb.Append('<').Append(TypeName(v)).Append('>'); break;
        }
    }

    private static void AppendStringRepr(StringBuilder sb, string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append(quote);
    }

    /// <summary>Python's float repr: shortest round-trip digits, always with a '.0' or exponent.</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        if (r.Contains('E'))
        {
            // .NET "1E+16" → Python "1e+16"
            var parts = r.Split('E');
            string exp = parts[1];
            string sign = exp.StartsWith('-') ? "-" : "+";
            exp = exp.TrimStart('+', '-').PadLeft(2, '0');
            return parts[0] + "e" + sign + exp;
        }
        return r.Contains('.') ? r : r + ".0";
    }

    /// <summary>Python <c>==</c>: numbers compare by value across int/float/bool, containers element-wise.</summary>
    public static new bool Equals(object? a, object? b)
    {
        if (a is Undefined || b is Undefined) return a is Undefined && b is Undefined;
        if (a is null || b is null) return a is null && b is null;
        if (IsNumber(a) && IsNumber(b))
            return a is long x && b is long y ? x == y : ToDouble(a) == ToDouble(b);
        if (a is Markup ma) a = ma.Text;
        if (b is Markup mb) b = mb.Text;
        if (a is string sa) return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
        if (a is List<object?> la)
        {
            if (b is not List<object?> lb || la.Count != lb.Count) return false;
            for (int i = 0; i < la.Count; i++) if (!Equals(la[i], lb[i])) return false;
            return true;
        }
        if (a is OrderedDictionary<object, object?> da)
        {
            if (b is not OrderedDictionary<object, object?> db || da.Count != db.Count) return false;
            foreach (var (k, v) in da) if (!db.TryGetValue(k, out var w) || !Equals(v, w)) return false;
            return true;
        }
        return ReferenceEquals(a, b);
    }

    /// <summary>Python ordering for numbers and strings; other pairs are a template error (null result).</summary>
    public static int? Compare(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b))
            return a is long x && b is long y ? x.CompareTo(y) : ToDouble(a).CompareTo(ToDouble(b));
        if (a is string sa && b is string sb) return Math.Sign(string.CompareOrdinal(sa, sb));
        if (a is List<object?> la && b is List<object?> lb)
        {
            for (int i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                if (Equals(la[i], lb[i])) continue;
                return Compare(la[i], lb[i]);
            }
            return la.Count.CompareTo(lb.Count);
        }
        return null;
    }

    /// <summary>Items to iterate: a list's elements, a dict's keys, a string's characters, nothing for undefined;
    /// null (not iterable, as none is in Python) for anything else.</summary>
    public static IReadOnlyList<object?>? Iterate(object? v) => v switch
    {
        List<object?> l => l,
        OrderedDictionary<object, object?> d => d.Keys.ToList<object?>(),
        string s => s.EnumerateRunes().Select(r => (object?)r.ToString()).ToList(),
        Markup m => m.Text.EnumerateRunes().Select(r => (object?)r.ToString()).ToList(),
        GeneratorValue g => g.Items,
        Undefined => [],
        _ => null,
    };
}

/// <summary>Dictionary keys with Python equality (1 and 1.0 are the same key).</summary>
internal sealed class ValueComparer : IEqualityComparer<object>
{
    public static readonly ValueComparer Instance = new();

    public new bool Equals(object? x, object? y) => Values.Equals(x, y);

    public int GetHashCode(object obj) => obj switch
    {
        long n => n.GetHashCode(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 9e18 => ((long)d).GetHashCode(),
        bool b => (b ? 1L : 0L).GetHashCode(),
        string s => StringComparer.Ordinal.GetHashCode(s),
        _ => obj.GetHashCode(),
    };
}
