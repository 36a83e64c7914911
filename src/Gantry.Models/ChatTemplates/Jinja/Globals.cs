namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>The global functions chat templates call: <c>raise_exception</c> and <c>strftime_now</c> (added by transformers), <c>range</c>, <c>namespace</c>, <c>dict</c>.</summary>
internal static class Globals
{
    public static void AddTo(Scope scope, RenderLimits limits, TimeProvider clock)
    {
        // transformers: datetime.now().strftime(format), the server's local time (Llama 3.1 prints today's date).
        scope.Set("strftime_now", new Builtin("strftime_now", args =>
            Strftime.Format(clock.GetLocalNow().DateTime, args.Get(0, "format") as string
                ?? throw Interpreter.Fail(args.At, "strftime_now() takes a format string"))));
        scope.Set("raise_exception", new Builtin("raise_exception", args =>
        {
            var message = Values.ToStr(args.Get(0, "message", "raise_exception called"));
            throw new ChatTemplateException(message, args.At.Line, args.At.Column, raisedByTemplate: true);
        }));
        scope.Set("range", new Builtin("range", args => Range(args, limits)));
        scope.Set("namespace", new Builtin("namespace", args =>
        {
            var ns = new Namespace();
            if (args.Positional.Count > 0 && args.Positional[0] is OrderedDictionary<object, object?> init)
                foreach (var (k, v) in init) ns.Attributes[Values.ToStr(k)] = v;
            foreach (var (k, v) in args.Named) ns.Attributes[k] = v;
            return ns;
        }));
        scope.Set("dict", new Builtin("dict", args =>
        {
            var d = Values.NewDict();
            foreach (var (k, v) in args.Named) d[k] = v;
            return d;
        }));
    }

    private static List<object?> Range(CallArgs args, RenderLimits limits)
    {
        long[] n = args.Positional.Select(a => a is long x ? x : throw Interpreter.Fail(args.At, "range() takes integers")).ToArray();
        var (start, stop, step) = n.Length switch
        {
            1 => (0L, n[0], 1L),
            2 => (n[0], n[1], 1L),
            3 => (n[0], n[1], n[2]),
            _ => throw Interpreter.Fail(args.At, "range() takes 1 to 3 arguments"),
        };
        if (step == 0) throw Interpreter.Fail(args.At, "range() step must not be zero");
        double count = Math.Max(0, Math.Ceiling((stop - (double)start) / step));
        if (count > limits.MaxCollectionSize) throw Interpreter.Fail(args.At, $"range() of {count} items is over the limit of {limits.MaxCollectionSize}");
        var result = new List<object?>((int)count);
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) result.Add(i);
        return result;
    }
}
