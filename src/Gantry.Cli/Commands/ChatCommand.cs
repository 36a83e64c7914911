using System.CommandLine;
using Gantry.Cli.Chat;
using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Models.Architectures;
using Gantry.Models.ChatTemplates;
using Gantry.Models.Gguf;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry chat --model m.gguf</c>: a conversation on the terminal with the model's chat template, replies streamed
/// token by token; <c>/system TEXT</c>, <c>/reset</c>, <c>/exit</c>. In a pipe it reads one message a line and writes
/// one reply a line, with no prompt or banner on stdout.
/// </summary>
internal static class ChatCommand
{
    public static Command Build()
    {
        var model = CommonOptions.Model();
        var maxTokens = new Option<int>("--max-tokens", "-n") { Description = "Most tokens per reply", DefaultValueFactory = _ => 256 };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature; 0 is greedy", DefaultValueFactory = _ => 0.7f };
        var topP = new Option<float>("--top-p") { Description = "Nucleus sampling mass", DefaultValueFactory = _ => 0.95f };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Random seed (default: random)" };
        var system = new Option<string?>("--system") { Description = "System message to start with" };
        var threads = CommonOptions.Threads();
        var command = new Command("chat", "Chat with a model on the terminal (/system TEXT, /reset, /exit); one message a line in a pipe")
        {
            model, maxTokens, temperature, topP, seed, system, threads,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(maxTokens);
            if (n < 1) throw new CliUsageException($"--max-tokens must be at least 1 (got {n})");
            var sampling = new SamplingParams { Temperature = parse.GetValue(temperature), TopP = parse.GetValue(topP), Seed = parse.GetValue(seed) };
            sampling.Validate();
            using var pool = new WorkerPool(CommonOptions.CheckThreads(parse.GetValue(threads)));
            var file = GgufFile.Open(ModelLocator.ResolveForLoad(parse.GetValue(model)!));
            using var m = ModelLoader.Load(file, pool, ownsFile: true);
            ChatTemplate? template = null;
            try
            {
                template = ChatTemplate.FromGguf(file.Metadata, m.Tokenizer);
            }
            catch (ChatTemplateException e)
            {
                Console.Error.WriteLine($"gantry: the model's chat template does not parse ({e.Message}); using plain 'role: content' lines");
            }
            using var engine = new LlmEngine(m, new EngineOptions { KvCacheBytes = 64L << 20 });
            var session = new ChatSession(m, engine, template, sampling, n);
            if (parse.GetValue(system) is { } s) session.SetSystem(s);
            var terminal = !Console.IsInputRedirected && !Console.IsOutputRedirected;
            if (terminal) Console.Error.WriteLine($"gantry: chatting with {m.Info.Name} ({template?.Name ?? "plain"} template); /system TEXT, /reset, /exit");
            session.RunAsync(Console.In, Console.Out, terminal ? "> " : null).GetAwaiter().GetResult();
            return 0;
        });
        return command;
    }
}
