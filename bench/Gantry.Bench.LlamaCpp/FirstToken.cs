using LLama;
using LLama.Common;
using LLama.Native;
using Gantry.Engine.Sampling;

namespace Gantry.Bench.LlamaCpp;

/// <summary>
/// The minimal llama.cpp program that <c>gantry generate --max-tokens 1</c> is compared with from process start
/// (<c>--first-token MODEL [--threads N] [--prompt TEXT]</c>): load the file, tokenize the prompt, decode it,
/// print the greedy first token, exit. Timed from outside by <c>bench/first-token.sh</c>.
/// </summary>
internal static class FirstToken
{
    public static int Run(string[] args)
    {
        string? model = null, prompt = "Once upon a time";
        var threads = Environment.ProcessorCount;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--first-token": model = args[i + 1]; break;
                case "--threads": threads = int.Parse(args[i + 1]); break;
                case "--prompt": prompt = args[i + 1]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        if (model is null) { Console.Error.WriteLine("--first-token MODEL"); return 2; }
        NativeLibraryConfig.All.WithLogCallback((level, message) =>
        {
            if (level is LLamaLogLevel.Error) Console.Error.Write("llama.cpp: " + message);
        });
        var p = new ModelParams(model) { ContextSize = 512, Threads = threads, BatchThreads = threads };
        using var weights = LLamaWeights.LoadFromFile(p);
        using var context = weights.CreateContext(p);
        var tokens = context.Tokenize(prompt, addBos: true);
        var batch = new LLamaBatch();
        for (var i = 0; i < tokens.Length; i++) batch.Add(tokens[i], i, LLamaSeqId.Zero, i == tokens.Length - 1);
        if (context.NativeHandle.Decode(batch) != DecodeResult.Ok) { Console.Error.WriteLine("llama_decode failed"); return 1; }
        var next = Argmax.Of(context.NativeHandle.GetLogitsIth(tokens.Length - 1));
        Console.WriteLine(next);
        return 0;
    }
}
