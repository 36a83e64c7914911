namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>Python's <c>+ - * / // % **</c> on ints, floats, strings and lists.</summary>
internal static class Arithmetic
{
    public static object? Apply(Interpreter interp, string op, object? a, object? b, Node at)
    {
        if (a is Undefined || b is Undefined)
            throw Interpreter.Fail(at, $"cannot apply '{op}' to an undefined value");
        if (op == "+")
        {
            // markupsafe: adding a plain string to Markup escapes the plain one, on either side.
            if (a is Markup || b is Markup)
            {
                if (a is Markup or string && b is Markup or string)
                    return new Markup(interp.CheckSize(MarkupText(a) + MarkupText(b), at));
            }
            if (a is string sa && b is string sb) return interp.CheckSize(sa + sb, at);
            if (a is List<object?> la && b is List<object?> lb) return interp.CheckSize(la.Concat(lb).ToList(), at);
        }
        if (op == "*")
        {
            if (a is string s && b is long n) return Repeat(interp, s, n, at);
            if (a is long m && b is string t) return Repeat(interp, t, m, at);
            if (a is List<object?> l && b is long k) return RepeatList(interp, l, k, at);
        }
        if (op == "%" && a is string)
            throw Interpreter.Fail(at, "printf-style '%' string formatting is not supported; use '~' or format filters");
        if (!Values.IsNumber(a) || !Values.IsNumber(b))
            throw Interpreter.Fail(at, $"unsupported operand types for {op}: '{Values.TypeName(a)}' and '{Values.TypeName(b)}'");

        if (a is not double && b is not double && op != "/")
        {
            long x = a is bool ba ? (ba ? 1 : 0) : (long)a!;
            long y = b is bool bb ? (bb ? 1 : 0) : (long)b!;
            switch (op)
            {
                case "+": return x + y;
                case "-": return x - y;
                case "*": return x * y;
                case "//":
                    if (y == 0) throw Interpreter.Fail(at, "integer division by zero");
                    return FloorDiv(x, y);
                case "%":
                    if (y == 0) throw Interpreter.Fail(at, "integer modulo by zero");
                    return x - FloorDiv(x, y) * y;
                case "**":
                    if (y >= 0)
                    {
                        double p = Math.Pow(x, y);
                        if (Math.Abs(p) < 9e18) return (long)Math.Round(p);
                        throw Interpreter.Fail(at, "integer power too large");
                    }
                    return Math.Pow(x, y);
            }
        }
        double dx = Values.ToDouble(a), dy = Values.ToDouble(b);
        switch (op)
        {
            case "+": return dx + dy;
            case "-": return dx - dy;
            case "*": return dx * dy;
            case "/":
                if (dy == 0) throw Interpreter.Fail(at, "division by zero");
                return dx / dy;
            case "//":
                if (dy == 0) throw Interpreter.Fail(at, "float floor division by zero");
                return Math.Floor(dx / dy);
            case "%":
                if (dy == 0) throw Interpreter.Fail(at, "float modulo by zero");
                return dx - Math.Floor(dx / dy) * dy;
            case "**": return Math.Pow(dx, dy);
            default: throw Interpreter.Fail(at, $"unknown operator '{op}'");
        }
    }

    private static string MarkupText(object? v) => v is Markup m ? m.Text : Markup.Escape((string)v!);

    private static long FloorDiv(long x, long y)
    {
        long q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) q--;
        return q;
    }

    private static string Repeat(Interpreter interp, string s, long n, Node at)
    {
        if (n <= 0 || s.Length == 0) return "";
        if (s.Length * (double)n > interp.Limits.MaxOutputChars) throw Interpreter.Fail(at, "string repetition result is too large");
        return interp.CheckSize(new System.Text.StringBuilder(s.Length * (int)n).Insert(0, s, (int)n).ToString(), at);
    }

    private static List<object?> RepeatList(Interpreter interp, List<object?> l, long n, Node at)
    {
        if (n <= 0) return [];
        if (l.Count * (double)n > interp.Limits.MaxCollectionSize) throw Interpreter.Fail(at, "list repetition result is too large");
        var result = new List<object?>();
        for (long i = 0; i < n; i++) result.AddRange(l);
        return interp.CheckSize(result, at);
    }
}
