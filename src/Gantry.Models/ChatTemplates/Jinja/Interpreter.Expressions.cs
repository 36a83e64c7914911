using System.Text;

namespace Gantry.Models.ChatTemplates.Jinja;

internal sealed partial class Interpreter
{
    public object? Eval(Expr expr, Scope scope)
    {
        Step(expr);
        switch (expr)
        {
            case LiteralExpr l:
                return l.Value;
            case NameExpr n:
                return scope.TryGet(n.Name, out var v) ? v : Undefined.Instance;
            case ListExpr l:
                var items = l.Items.Select(i => Eval(i, scope));
                return l.IsTuple ? new TupleValue(items) : items.ToList();
            case DictExpr d:
                var dict = Values.NewDict();
                foreach (var (k, val) in d.Pairs)
                {
                    var key = Eval(k, scope);
                    if (key is null or Undefined or List<object?> or OrderedDictionary<object, object?>)
                        throw Fail(k, $"unhashable dict key of type '{Values.TypeName(key)}'");
                    dict[key] = Eval(val, scope);
                }
                return dict;
            case AttributeExpr a:
                return GetAttribute(Defined(Eval(a.Target, scope), a.Target), a.Name);
            case IndexExpr i:
                return GetItem(Defined(Eval(i.Target, scope), i.Target), Eval(i.Index, scope), i);
            case SliceExpr s:
                return Slice(s, scope);
            case CallExpr c:
                return EvalCall(c, scope);
            case FilterExpr f:
                return Filters.Apply(this, f.Name, Eval(f.Value, scope), EvalArgs(f.Args, scope, f), scope);
            case TestExpr t:
                bool result = Predicates.Test(this, t.Name, Eval(t.Value, scope), EvalArgs(t.Args, scope, t), scope);
                return t.Negated ? !result : result;
            case UnaryExpr u:
                return EvalUnary(u, scope);
            case BinaryExpr b:
                return EvalBinary(b, scope);
            case ConditionalExpr c:
                return Values.IsTruthy(Eval(c.Test, scope)) ? Eval(c.Then, scope)
                    : c.Otherwise is null ? Undefined.Instance : Eval(c.Otherwise, scope);
            default:
                throw Fail(expr, $"unsupported expression {expr.GetType().Name}");
        }
    }

    /// <summary>
    /// As Jinja2's default Undefined: a missing value may be printed, tested, iterated (as empty) or compared, but
    /// reading an attribute or item of it is an error (<c>x.y</c> with <c>x</c> missing; <c>none.y</c> is only undefined).
    /// </summary>
    private static object? Defined(object? value, Expr at) =>
        value is Undefined ? throw Fail(at, $"'{Describe(at)}' is undefined") : value;

    private CallArgs EvalArgs(Arguments args, Scope scope, Node at)
    {
        var positional = args.Positional.Count == 0 ? [] : args.Positional.Select(a => Eval(a, scope)).ToList();
        var named = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in args.Named) named[name] = Eval(value, scope);
        return new CallArgs(positional, named, at);
    }

    /// <summary><c>obj.name</c>: a dict's key, a namespace's attribute, loop fields; anything else is undefined.</summary>
    internal static object? GetAttribute(object? obj, string name) => obj switch
    {
        OrderedDictionary<object, object?> d => d.TryGetValue(name, out var v) ? v : Undefined.Instance,
        Namespace ns => ns.Attributes.TryGetValue(name, out var v) ? v : Undefined.Instance,
        LoopInfo loop => loop.Get(name),
        _ => Undefined.Instance,
    };

    internal object? GetItem(object? obj, object? index, Node at)
    {
        switch (obj)
        {
            case OrderedDictionary<object, object?> d:
                return index is not null and not Undefined && d.TryGetValue(index, out var v) ? v : Undefined.Instance;
            case List<object?> l when index is long or bool:
                long i = index is bool b ? (b ? 1 : 0) : (long)index;
                if (i < 0) i += l.Count;
                return i >= 0 && i < l.Count ? l[(int)i] : Undefined.Instance;
            case string s when index is long n:
                if (n < 0) n += s.Length;
                return n >= 0 && n < s.Length ? s[(int)n].ToString() : Undefined.Instance;
            case Namespace or LoopInfo when index is string name:
                return GetAttribute(obj, name);
            case null or Undefined:
                return Undefined.Instance;
            default:
                if (index is string) return Undefined.Instance;
                throw Fail(at, $"cannot index {Values.TypeName(obj)} with {Values.TypeName(index)}");
        }
    }

    private object? Slice(SliceExpr s, Scope scope)
    {
        var target = Eval(s.Target, scope);
        long? Part(Expr? e)
        {
            if (e is null) return null;
            var v = Eval(e, scope);
            return v switch
            {
                null or Undefined => null,
                long n => n,
                _ => throw Fail(e, $"slice indices must be integers, not {Values.TypeName(v)}"),
            };
        }
        long? start = Part(s.Start), stop = Part(s.Stop), step = Part(s.Step);
        if (step == 0) throw Fail(s, "slice step cannot be zero");
        switch (target)
        {
            case List<object?> l:
                return SliceIndices(l.Count, start, stop, step ?? 1).Select(i => l[i]).ToList();
            case string str:
                var sb = new StringBuilder();
                foreach (int i in SliceIndices(str.Length, start, stop, step ?? 1)) sb.Append(str[i]);
                return sb.ToString();
            case null or Undefined:
                return Undefined.Instance;
            default:
                throw Fail(s, $"cannot slice {Values.TypeName(target)}");
        }
    }

    /// <summary>The indices Python's <c>slice(start, stop, step).indices(count)</c> visits.</summary>
    internal static IEnumerable<int> SliceIndices(int count, long? start, long? stop, long step)
    {
        long Clamp(long? v, long dflt, long lo, long hi)
        {
            if (v is null) return dflt;
            long x = v.Value < 0 ? v.Value + count : v.Value;
            return Math.Clamp(x, lo, hi);
        }
        if (step > 0)
        {
            long a = Clamp(start, 0, 0, count), b = Clamp(stop, count, 0, count);
            for (long i = a; i < b; i += step) yield return (int)i;
        }
        else
        {
            long a = Clamp(start, count - 1, -1, count - 1), b = Clamp(stop, -1, -1, count - 1);
            for (long i = a; i > b; i += step) yield return (int)i;
        }
    }

    private object? EvalCall(CallExpr c, Scope scope)
    {
        // obj.method(...) on strings, lists and dicts is Python's method call, not a lookup of a callable value.
        if (c.Callee is AttributeExpr a)
        {
            var target = Eval(a.Target, scope);
            if (target is string or Markup or List<object?> or OrderedDictionary<object, object?> or LoopInfo)
            {
                var args = EvalArgs(c.Args, scope, c);
                var member = target is OrderedDictionary<object, object?> d && d.TryGetValue(a.Name, out var field) ? field : null;
                if (member is Macro or Builtin) return Invoke(member, args, c);
                return Methods.Call(this, target, a.Name, args);
            }
            return Invoke(GetAttribute(target, a.Name), EvalArgs(c.Args, scope, c), c);
        }
        var callee = Eval(c.Callee, scope);
        return Invoke(callee, EvalArgs(c.Args, scope, c), c);
    }

    private object? Invoke(object? callee, CallArgs args, CallExpr c) => callee switch
    {
        Macro m => CallMacro(m, args),
        Builtin b => b.Invoke(args),
        Undefined => throw Fail(c, $"'{Describe(c.Callee)}' is undefined and cannot be called"),
        _ => throw Fail(c, $"'{Values.TypeName(callee)}' object is not callable"),
    };

    private static string Describe(Expr e) => e switch
    {
        NameExpr n => n.Name,
        AttributeExpr a => Describe(a.Target) + "." + a.Name,
        _ => "expression",
    };

    private object? EvalUnary(UnaryExpr u, Scope scope)
    {
        var v = Eval(u.Operand, scope);
        return u.Op switch
        {
            "not" => !Values.IsTruthy(v),
            "-" => v switch
            {
                // Boxed per arm: a switch over long and double arms would otherwise widen every result to double.
                long n => (object)(-n),
                double d => (object)(-d),
                bool b => (object)(b ? -1L : 0L),
                _ => throw Fail(u, $"bad operand type for unary -: '{Values.TypeName(v)}'"),
            },
            _ => Values.IsNumber(v) ? v : throw Fail(u, $"bad operand type for unary +: '{Values.TypeName(v)}'"),
        };
    }

    private object? EvalBinary(BinaryExpr b, Scope scope)
    {
        if (b.Op == "and")
        {
            var l = Eval(b.Left, scope);
            return Values.IsTruthy(l) ? Eval(b.Right, scope) : l;
        }
        if (b.Op == "or")
        {
            var l = Eval(b.Left, scope);
            return Values.IsTruthy(l) ? l : Eval(b.Right, scope);
        }
        var left = Eval(b.Left, scope);
        var right = Eval(b.Right, scope);
        switch (b.Op)
        {
            case "==": return Values.Equals(left, right);
            case "!=": return !Values.Equals(left, right);
            case "<" or "<=" or ">" or ">=":
                int cmp = Values.Compare(left, right)
                    ?? throw Fail(b, $"'{b.Op}' not supported between '{Values.TypeName(left)}' and '{Values.TypeName(right)}'");
                return b.Op switch { "<" => cmp < 0, "<=" => cmp <= 0, ">" => cmp > 0, _ => cmp >= 0 };
            case "in": return Contains(right, left, b);
            case "not in": return !Contains(right, left, b);
            case "~": return CheckSize(Values.ToStr(left) + Values.ToStr(right), b);
            default: return Arithmetic.Apply(this, b.Op, left, right, b);
        }
    }

    internal bool Contains(object? container, object? item, Node at) => container switch
    {
        string s => item is string sub ? s.Contains(sub, StringComparison.Ordinal)
            : throw Fail(at, $"'in <string>' requires a string as left operand, not {Values.TypeName(item)}"),
        Markup m => Contains(m.Text, item is Markup mi ? mi.Text : item, at),
        List<object?> l => l.Any(x => Values.Equals(x, item)),
        GeneratorValue g => g.Items.Any(x => Values.Equals(x, item)),
        OrderedDictionary<object, object?> d => item is not null and not Undefined && d.ContainsKey(item),
        Namespace ns => item is string key && ns.Attributes.ContainsKey(key),
        Undefined => false,
        _ => throw Fail(at, $"argument of type '{Values.TypeName(container)}' is not iterable"),
    };

    /// <summary>Strings and lists built by the template are bounded, so doubling in a loop cannot exhaust memory.</summary>
    internal T CheckSize<T>(T value, Node at)
    {
        int size = value switch { string s => s.Length, List<object?> l => l.Count, _ => 0 };
        if (value is List<object?> && size > _limits.MaxCollectionSize)
            throw Fail(at, $"template built a list of {size} items, over the limit of {_limits.MaxCollectionSize}");
        if (value is string && size > _limits.MaxOutputChars)
            throw Fail(at, $"template built a string of {size} characters, over the limit of {_limits.MaxOutputChars}");
        _steps += size / 64; // building big values is work too
        return value;
    }
}
