using System.CommandLine;
using System.Text;
using System.Text.Json;
using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Models.Architectures;
using Gantry.Models.Attention;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry generate --model PATH --prompt TEXT …</c>: continues a prompt through the engine and prints the text,
/// or with <c>--json</c> one object with the prompt tokens, generated tokens, text and optional log-probabilities.
/// </summary>
internal static class GenerateCommand
{
    public static Command Build()
    {
        var model = CommonOptions.Model();
        var threads = CommonOptions.Threads();
        var prompt = new Option<string>("--prompt", "-p") { Description = "The prompt (BOS is added as the model's metadata asks)", Required = true };
        var maxTokens = new Option<int>("--max-tokens", "-n") { Description = "Most tokens to generate", DefaultValueFactory = _ => 128 };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature; 0 is greedy", DefaultValueFactory = _ => 0.8f };
        var topK = new Option<int>("--top-k") { Description = "Keep the K most likely tokens (0 = off)", DefaultValueFactory = _ => 40 };
        var topP = new Option<float>("--top-p") { Description = "Nucleus sampling threshold (1 = off)", DefaultValueFactory = _ => 0.95f };
        var minP = new Option<float>("--min-p") { Description = "Drop tokens below min-p × the top probability (0 = off)", DefaultValueFactory = _ => 0.05f };
        var repeatPenalty = new Option<float>("--repeat-penalty") { Description = "Penalty for repeating recent tokens (1 = off)", DefaultValueFactory = _ => 1f };
        var presencePenalty = new Option<float>("--presence-penalty") { Description = "OpenAI presence penalty", DefaultValueFactory = _ => 0f };
        var frequencyPenalty = new Option<float>("--frequency-penalty") { Description = "OpenAI frequency penalty", DefaultValueFactory = _ => 0f };
        var seed = new Option<ulong?>("--seed", "-s") { Description = "Random seed (default: random)" };
        var logprobs = new Option<int>("--logprobs") { Description = "Report the K most likely tokens at each step with log-probabilities", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var kvMemory = new Option<string?>("--kv-cache-memory") { Description = "KV cache size (e.g. 256MiB; default: what the prompt and max tokens need)" };
        var kvType = new Option<string>("--kv-cache-type") { Description = "f32 or q8_0", DefaultValueFactory = _ => "f32" };
        var noRepack = CommonOptions.NoRepack();
        var repackAtLoad = CommonOptions.RepackAtLoad();
        var lora = LoraCliOptions.Lora();
        var speculative = new SpeculativeCliOptions();
        var pipeline = new PipelineCliOptions();
        var command = new Command("generate", "Continue a prompt")
        {
            model, prompt, maxTokens, temperature, topK, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, seed, logprobs, json, threads, kvMemory, kvType, noRepack, repackAtLoad, lora,
        };
        speculative.AddTo(command);
        pipeline.AddTo(command);
        command.SetAction(parse =>
        {
            var n = parse.GetValue(maxTokens);
            if (n < 1) throw new CliUsageException($"--max-tokens must be at least 1 (got {n})");
            var k = parse.GetValue(logprobs);
            if (k < 0) throw new CliUsageException($"--logprobs must not be negative (got {k})");
            var sampling = new SamplingParams
            {
                Temperature = parse.GetValue(temperature),
                TopK = parse.GetValue(topK),
                TopP = parse.GetValue(topP),
                MinP = parse.GetValue(minP),
                RepetitionPenalty = parse.GetValue(repeatPenalty),
                PresencePenalty = parse.GetValue(presencePenalty),
                FrequencyPenalty = parse.GetValue(frequencyPenalty),
                Seed = parse.GetValue(seed),
                LogProbs = k,
            };
            sampling.Validate();
            var threadCount = CommonOptions.CheckThreads(parse.GetValue(threads));
            using var pool = new WorkerPool(threadCount);
            var repack = !parse.GetValue(noRepack);
            // A one-shot generation's first token should not wait for the load-time copy; it pays back only after
            // tens of tokens (IncrementalRepack).
            var deferRepack = !parse.GetValue(repackAtLoad);
            var path = ModelLocator.ResolveForLoad(parse.GetValue(model)!);
            var (stages, spawned) = pipeline.Resolve(parse, path, threadCount);
            using var workers = spawned;
            using var m = stages.Count == 0 ? ModelLoader.Load(path, pool, repack, deferRepack) : PipelineModels.Connect(path, stages, pipeline.Timeout(parse), pipeline.Transport(parse));
            var adapters = LoraCliOptions.Load(parse.GetValue(lora) ?? [], m);
            var promptTokens = m.Tokenizer.Encode(parse.GetValue(prompt)!, addSpecial: true, parseSpecial: true);
            if (promptTokens.Length == 0) throw new CliUsageException("the prompt is empty and the model adds no BOS token");
            var cacheType = CommonOptions.ParseKvCacheType(parse.GetValue(kvType)!);
            var budget = parse.GetValue(kvMemory) is { } text
                ? EngineOptions.ParseBytes(text)
                : m.Info.KvCacheBytes(16, (promptTokens.Length + n + 16) / 16 + 1, cacheType);
            var speculation = speculative.Parse(parse, out var draftPath);
            using var draft = draftPath is null ? null : ModelLoader.Load(draftPath, pool, repack, deferRepack);
            using var engine = new LlmEngine(m, new EngineOptions { KvCacheBytes = budget, KvCacheType = cacheType, Speculative = speculation with { DraftModel = draft } });
            PipelineModels.WaitForStages(m, workers);
            return Run(engine, new GenerationRequest { PromptTokens = promptTokens, Sampling = sampling, MaxTokens = n, Lora = adapters }, parse.GetValue(json));
        });
        return command;
    }

    private static int Run(LlmEngine engine, GenerationRequest request, bool json)
    {
        var promptTokens = request.PromptTokens;
        var sampling = request.Sampling;
        var tokens = new List<int>();
        var text = new StringBuilder();
        var logprobs = new List<TokenLogProb[]>();
        string? error = null;
        var stdout = Console.Out;
        foreach (var e in engine.GenerateAllAsync(request).GetAwaiter().GetResult())
        {
            if (e.TokenId >= 0)
            {
                tokens.Add(e.TokenId);
                if (e.TopLogProbs is not null) logprobs.Add(e.TopLogProbs);
            }
            text.Append(e.TextDelta);
            if (!json) stdout.Write(e.TextDelta);
            if (e.FinishReason == FinishReason.Error) error = e.Error;
        }
        if (error is not null) throw new InvalidOperationException(error);
        if (!json)
        {
            stdout.WriteLine();
            return 0;
        }
        using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        WriteIds(writer, "prompt_tokens", promptTokens);
        WriteIds(writer, "tokens", tokens);
        writer.WriteString("text", text.ToString());
        if (sampling.LogProbs > 0)
        {
            writer.WriteStartArray("logprobs");
            foreach (var step in logprobs)
            {
                writer.WriteStartArray();
                foreach (var (id, lp) in step)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(id);
                    writer.WriteNumberValue(lp);
                    writer.WriteEndArray();
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        var stats = engine.Stats;
        if (engine.Options.Speculative.Method != Engine.Speculative.SpeculativeMethod.Off)
        {
            writer.WriteStartObject("speculative");
            writer.WriteString("method", engine.Options.Speculative.Method.ToString().ToLowerInvariant());
            writer.WriteNumber("drafted_tokens", stats.SpeculativeDraftedTokens);
            writer.WriteNumber("accepted_tokens", stats.SpeculativeAcceptedTokens);
            writer.WriteNumber("acceptance_rate", stats.SpeculativeAcceptanceRate);
            writer.WriteNumber("mean_accepted_length", stats.SpeculativeMeanAcceptedLength);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.Flush();
        Console.WriteLine();
        return 0;
    }

    private static void WriteIds(Utf8JsonWriter writer, string name, IEnumerable<int> ids)
    {
        writer.WriteStartArray(name);
        foreach (var id in ids) writer.WriteNumberValue(id);
        writer.WriteEndArray();
    }
}
