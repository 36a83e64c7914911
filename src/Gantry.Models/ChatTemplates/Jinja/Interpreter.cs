using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// Walks the syntax tree and writes output. One instance renders once, on one thread; the tree it walks is shared.
/// Every statement and expression costs a step, so loops and recursion are bounded by <see cref="RenderLimits"/>.
/// Statements live here; expressions in Interpreter.Expressions.cs.
/// </summary>
internal sealed partial class Interpreter
{
    private enum Flow { Normal, Break, Continue }

    private readonly RenderLimits _limits;
    private readonly Scope _globals;
    private StringBuilder _out = new();
    private long _steps;
    private readonly long _deadline;
    private long _nextClockCheck;
    private int _callDepth;

    public Interpreter(Scope globals, RenderLimits limits)
    {
        _globals = globals;
        _limits = limits;
        _deadline = Stopwatch.GetTimestamp() + (long)(limits.MaxDuration.TotalSeconds * Stopwatch.Frequency);
    }

    public string Render(IReadOnlyList<Stmt> template)
    {
        ExecBody(template, new Scope(_globals));
        return _out.ToString();
    }

    internal RenderLimits Limits => _limits;

    internal static ChatTemplateException Fail(Node at, string message) => new(message, at.Line, at.Column);

    private void Step(Node at)
    {
        if (++_steps > _limits.MaxSteps)
            throw Fail(at, $"template ran more than {_limits.MaxSteps} steps; is it looping forever?");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Fail(at, "template recursion too deep");
        // The clock is read every 1024 steps only: a step is far cheaper than a timestamp.
        if (_steps >= _nextClockCheck)
        {
            _nextClockCheck = _steps + 1024;
            if (Stopwatch.GetTimestamp() > _deadline)
                throw Fail(at, $"template rendering took longer than {_limits.MaxDuration.TotalSeconds:0.###} s");
        }
    }

    private void Write(string s, Node at)
    {
        if (_out.Length + s.Length > _limits.MaxOutputChars)
            throw Fail(at, $"template output exceeds {_limits.MaxOutputChars} characters");
        _out.Append(s);
    }

    private Flow ExecBody(IReadOnlyList<Stmt> body, Scope scope)
    {
        foreach (var stmt in body)
        {
            var flow = Exec(stmt, scope);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    private Flow Exec(Stmt stmt, Scope scope)
    {
        Step(stmt);
        switch (stmt)
        {
            case TextStmt t:
                Write(t.Text, t);
                return Flow.Normal;
            case OutputStmt o:
                Write(Values.ToStr(Eval(o.Value, scope)), o);
                return Flow.Normal;
            case IfStmt i:
                foreach (var (test, body) in i.Branches)
                    if (Values.IsTruthy(Eval(test, scope))) return ExecBody(body, scope);
                return i.Else is null ? Flow.Normal : ExecBody(i.Else, scope);
            case ForStmt f:
                ExecFor(f, scope);
                return Flow.Normal;
            case SetStmt s:
                Assign(s.Target, Eval(s.Value, scope), scope);
                return Flow.Normal;
            case SetBlockStmt sb:
                scope.Set(sb.Name, Capture(() => ExecBody(sb.Body, scope)));
                return Flow.Normal;
            case MacroStmt m:
                scope.Set(m.Name, new Macro(m, scope));
                return Flow.Normal;
            case LoopControlStmt lc:
                return lc.IsBreak ? Flow.Break : Flow.Continue;
            case BlockStmt b:
                return ExecBody(b.Body, scope);
            case FilterBlockStmt fb:
                var filterScope = new Scope(scope);
                filterScope.Set(FilterBlockStmt.BodyVariable, Capture(() => ExecBody(fb.Body, scope)));
                Write(Values.ToStr(Eval(fb.Filter, filterScope)), fb);
                return Flow.Normal;
            default:
                throw Fail(stmt, $"unsupported statement {stmt.GetType().Name}");
        }
    }

    private void ExecFor(ForStmt f, Scope scope)
    {
        var source = Eval(f.Iterable, scope);
        if (source is OrderedDictionary<object, object?> && f.Targets.Count > 1)
            throw Fail(f.Iterable, "cannot unpack a dict's keys; iterate over dict.items() instead");
        var items = Values.Iterate(source) ?? throw Fail(f.Iterable, $"'{Values.TypeName(source)}' object is not iterable");

        var body = new Scope(scope);
        if (f.Filter is not null)
        {
            var kept = new List<object?>();
            foreach (var item in items)
            {
                Step(f.Filter);
                Bind(f, item, body);
                if (Values.IsTruthy(Eval(f.Filter, body))) kept.Add(item);
            }
            items = kept;
        }
        if (items.Count == 0)
        {
            if (f.Else is not null) ExecBody(f.Else, scope);
            return;
        }
        var loop = new LoopInfo(items);
        for (int i = 0; i < items.Count; i++)
        {
            Step(f);
            loop.Index0 = i;
            // A fresh frame each iteration: in Jinja2 a `set` in the body is seen by the rest of that iteration only.
            var iteration = new Scope(scope);
            iteration.Set("loop", loop);
            Bind(f, items[i], iteration);
            if (ExecBody(f.Body, iteration) == Flow.Break) break;
        }
    }

    private static void Bind(ForStmt f, object? item, Scope scope)
    {
        if (f.Targets.Count == 1)
        {
            scope.Set(f.Targets[0], item);
            return;
        }
        if (item is not List<object?> tuple || tuple.Count != f.Targets.Count)
            throw Fail(f, $"cannot unpack {Values.TypeName(item)} into {f.Targets.Count} loop variables");
        for (int k = 0; k < f.Targets.Count; k++) scope.Set(f.Targets[k], tuple[k]);
    }

    private void Assign(Expr target, object? value, Scope scope)
    {
        switch (target)
        {
            case NameExpr n:
                scope.Set(n.Name, value);
                break;
            case AttributeExpr { Target: NameExpr owner } a:
                var obj = Eval(owner, scope);
                if (obj is not Namespace ns) throw Fail(a, $"cannot set attribute '{a.Name}' on {Values.TypeName(obj)}; only a namespace() can be changed");
                ns.Attributes[a.Name] = value;
                break;
            case ListExpr names:
                if (value is not List<object?> values || values.Count != names.Items.Count)
                    throw Fail(target, $"cannot unpack {Values.TypeName(value)} into {names.Items.Count} names");
                for (int i = 0; i < values.Count; i++) Assign(names.Items[i], values[i], scope);
                break;
            default:
                throw Fail(target, "invalid assignment target");
        }
    }

    /// <summary>Runs <paramref name="body"/> with output redirected, and returns what it wrote.</summary>
    private string Capture(Action body)
    {
        var saved = _out;
        _out = new StringBuilder();
        try
        {
            body();
            // The captured text still counts towards the output limit once written; guard the sum here too.
            if (saved.Length + _out.Length > _limits.MaxOutputChars)
                throw new ChatTemplateException($"template output exceeds {_limits.MaxOutputChars} characters");
            return _out.ToString();
        }
        finally
        {
            _out = saved;
        }
    }

    private object? CallMacro(Macro macro, CallArgs args)
    {
        var def = macro.Definition;
        if (++_callDepth > _limits.MaxCallDepth)
            throw Fail(args.At, $"macro calls nested deeper than {_limits.MaxCallDepth} (runaway recursion in '{def.Name}'?)");
        try
        {
            var scope = new Scope(macro.Closure);
            for (int i = 0; i < def.Parameters.Count; i++)
            {
                var (name, defaultExpr) = def.Parameters[i];
                object? value = args.Has(i, name) ? args.Get(i, name)
                    : defaultExpr is null ? Undefined.Instance : Eval(defaultExpr, scope);
                scope.Set(name, value);
            }
            if (args.Positional.Count > def.Parameters.Count)
                throw Fail(args.At, $"macro '{def.Name}' takes {def.Parameters.Count} arguments but got {args.Positional.Count}");
            scope.Set("varargs", new List<object?>());
            return Capture(() => ExecBody(def.Body, scope));
        }
        finally
        {
            _callDepth--;
        }
    }
}
