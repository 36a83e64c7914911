using System.CommandLine;
using Gantry.Engine;
using Gantry.Engine.Scheduling;
using Gantry.Models.Attention;
using Gantry.Guardrails.Pipeline;
using Gantry.Security;
using Gantry.Server.Configuration;
using Gantry.Server.Hosting;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>gantry serve [--model path.gguf[:name]]… [--host H] [--port P] …</c>: the OpenAI-compatible server. With no
/// <c>--model</c> it serves the built-in demo model stories260K (a tiny trained story model). Runs until SIGTERM/Ctrl+C, then drains.
/// </summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var models = new Option<string[]>("--model", "-m") { Description = "GGUF model to serve as path.gguf[:name] (repeatable; name defaults to the file name); hf://OWNER/REPO/FILE.gguf[:name] downloads from the Hub; demo:random for the random-weight demo. None: the built-in demo model stories260K", AllowMultipleArgumentsPerToken = false };
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on", DefaultValueFactory = _ => 8000 };
        var threads = CommonOptions.Threads();
        var kvMemory = new Option<string>("--kv-cache-memory") { Description = "KV cache size per model (e.g. 512MiB, 2GiB)", DefaultValueFactory = _ => "512MiB" };
        var kvType = new Option<string>("--kv-cache-type") { Description = "f32 or q8_0", DefaultValueFactory = _ => "f32" };
        var maxBatched = new Option<int>("--max-batched-tokens") { Description = "Tokens computed per engine step", DefaultValueFactory = _ => new SchedulerOptions().MaxBatchedTokens };
        var maxSeqs = new Option<int>("--max-num-seqs") { Description = "Sequences running at once per model", DefaultValueFactory = _ => new SchedulerOptions().MaxNumSeqs };
        var maxQueue = new Option<int>("--max-queue") { Description = "Waiting requests per model before new ones get 429", DefaultValueFactory = _ => new SchedulerOptions().MaxQueue };
        var maxBody = new Option<string>("--max-body-bytes") { Description = "Largest request body (e.g. 1MiB); larger ones get 413", DefaultValueFactory = _ => "1MiB" };
        var streamInterval = CommonOptions.StreamInterval();
        var drain = new Option<int>("--drain-seconds") { Description = "On SIGTERM, how long in-flight requests may finish before they are cancelled", DefaultValueFactory = _ => 30 };
        var stateDir = SecurityOptions.StateDir();
        var auth = new Option<string?>("--auth") { Description = "keys: require an API key (the default when any key exists); none: open (loopback only, warns)" };
        var logPrompts = new Option<bool>("--log-prompts") { Description = "Keep PII-redacted prompt text in the audit log (off: never stored)" };
        var retention = new Option<int>("--audit-retention-days") { Description = "Delete audit records older than this", DefaultValueFactory = _ => 30 };
        var guardrails = SecurityOptions.Guardrails("Guardrail modes for requests whose key names none, and every request under --auth none (default: all=flag)");
        var denyTerms = new Option<string?>("--guardrails-deny-terms") { Description = "File of deny-list terms for the content check, one per line (# comments)" };
        var guardModel = new Option<string?>("--guard-model") { Description = "A Llama Guard 3 GGUF that judges prompts and completions on its own engine, under the guard_model mode of --guardrails (default flag)" };
        var guardKv = new Option<string?>("--guard-kv-cache-memory") { Description = "The guard model's own KV cache size (default: room for four 2k-token judgements)" };
        var guardFailure = new Option<string>("--guard-model-on-failure") { Description = "open: serve a request the guard model could not judge (logged, audited as guard_model:error); closed: refuse it (503, or content_filter under block)", DefaultValueFactory = _ => "open" };
        var guardStream = new Option<int?>("--guard-model-stream-interval") { Description = $"Under guard_model=block, judge a streamed answer every N generated tokens (and at its end), holding its text back until judged; an unsafe chunk ends the stream with content_filter (default {GuardModelSettings.DefaultStreamIntervalTokens})" };
        var idleUnload = new Option<int>("--idle-unload-seconds") { Description = "Unload a model nobody has called for this many seconds; the next request loads it again (0: never)", DefaultValueFactory = _ => 0 };
        var driftReference = new Option<int>("--drift-reference-requests") { Description = "Requests per model version that form its drift reference", DefaultValueFactory = _ => 500 };
        var driftWindow = new Option<int>("--drift-window-requests") { Description = "Latest requests per version compared with the reference (PSI, KL)", DefaultValueFactory = _ => 500 };
        var driftThreshold = new Option<double>("--drift-threshold") { Description = "PSI over which a feature's drift is logged as an alert", DefaultValueFactory = _ => 0.2 };
        var modelMemory = new Option<string?>("--model-memory") { Description = "Memory all loaded models may hold (weights + KV caches, e.g. 8GiB); a load past it is refused (default: the machine's available memory)" };
        var chatTemplate = new Option<string?>("--chat-template") { Description = "A Jinja chat template file that replaces the GGUF's template of every served model" };
        var noRepack = CommonOptions.NoRepack();
        var loras = new Option<string[]>("--lora") { Description = "LoRA adapter to serve as NAME=PATH (repeatable), on the first model; requests name it as NAME or BASE:NAME", AllowMultipleArgumentsPerToken = false };
        var maxLoras = new Option<int>("--max-loras") { Description = "Most LoRA adapters loaded at once (at start and through /v1/load_lora_adapter)", DefaultValueFactory = _ => new ServerOptions().MaxLoras };
        var speculative = new SpeculativeCliOptions();
        var observability = new ObservabilityOptions();
        var pipeline = new PipelineCliOptions();
        var costs = new CostCliOptions();
        var cascades = new Option<string[]>("--cascade") { Description = "Cascade route NAME=SMALL,LARGE[,MIN_LOGPROB] over two served models (repeatable): requests for NAME are answered by SMALL, or by LARGE when SMALL's answer falls short (low mean token log-probability, JSON that does not parse, a guardrail verdict)", AllowMultipleArgumentsPerToken = false };
        var cascadeMin = new Option<double>("--cascade-min-logprob") { Description = "Least mean token log-probability of a cascade's small answer, for cascades that name none", DefaultValueFactory = _ => new ServerOptions().CascadeMinMeanLogProb };
        var command = new Command("serve", "Serve models over an OpenAI-compatible HTTP API")
        {
            stateDir, auth, logPrompts, retention, guardrails, denyTerms, guardModel, guardKv, guardFailure, guardStream,
            models, host, port, threads, kvMemory, kvType, maxBatched, maxSeqs, maxQueue, maxBody, drain, streamInterval, idleUnload, modelMemory, noRepack, chatTemplate, loras, maxLoras,
            driftReference, driftWindow, driftThreshold, cascades, cascadeMin,
        };
        speculative.AddTo(command);
        observability.AddTo(command);
        pipeline.AddTo(command);
        costs.AddTo(command);
        command.SetAction(parse =>
        {
            var specs = (parse.GetValue(models) ?? []).Select(ModelSpec.Parse)
                .Select(s => s with { Path = s.IsBuiltIn ? s.Path : ModelLocator.ResolveForLoad(s.Path) }).ToList();
            foreach (var spec in specs)
                if (!spec.IsBuiltIn && !File.Exists(spec.Path)) throw new FileNotFoundException($"file not found: {spec.Path}", spec.Path);
            var speculation = speculative.Parse(parse, out var draftPath);
            var loraSpecs = new List<LoraSpec>();
            foreach (var text in parse.GetValue(loras) ?? [])
            {
                try
                {
                    loraSpecs.Add(LoraSpec.Parse(text));
                }
                catch (ArgumentException e)
                {
                    throw new CliUsageException("--lora: " + e.Message);
                }
                if (!File.Exists(loraSpecs[^1].Path)) throw new FileNotFoundException($"file not found: {loraSpecs[^1].Path}", loraSpecs[^1].Path);
            }
            var pipelineTimeout = pipeline.Timeout(parse);
            var options = new ServerOptions
            {
                PipelineTimeout = pipelineTimeout,
                PipelineTransport = pipeline.Transport(parse),
                LoraAdapters = loraSpecs,
                MaxLoras = parse.GetValue(maxLoras),
                DraftModelPath = draftPath,
                ChatTemplate = parse.GetValue(chatTemplate) is { } templateFile ? ReadTemplate(templateFile) : null,
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                Models = specs,
                Threads = CommonOptions.CheckThreads(parse.GetValue(threads)),
                RepackWeights = !parse.GetValue(noRepack),
                MaxBodyBytes = EngineOptions.ParseBytes(parse.GetValue(maxBody)!),
                DrainSeconds = parse.GetValue(drain),
                IdleUnloadSeconds = parse.GetValue(idleUnload),
                Drift = new DriftSettings { ReferenceRequests = parse.GetValue(driftReference), WindowRequests = parse.GetValue(driftWindow), Threshold = parse.GetValue(driftThreshold) },
                ModelMemoryBytes = parse.GetValue(modelMemory) is { } mm ? EngineOptions.ParseBytes(mm) : null,
                Guardrails = Guardrails(parse.GetValue(guardrails), parse.GetValue(denyTerms)),
                GuardModel = GuardModel(parse.GetValue(guardModel), parse.GetValue(guardKv), parse.GetValue(guardFailure)!, parse.GetValue(guardStream)),
                Telemetry = observability.Telemetry(parse),
                Costs = costs.Parse(parse),
                Cascades = ParseCascades(parse.GetValue(cascades) ?? []),
                CascadeMinMeanLogProb = parse.GetValue(cascadeMin),
                Security = new SecuritySettings
                {
                    StateDir = parse.GetValue(stateDir),
                    Auth = parse.GetValue(auth) switch
                    {
                        null => null,
                        "keys" => AuthMode.Keys,
                        "none" => AuthMode.None,
                        var other => throw new CliUsageException($"--auth must be keys or none (got '{other}')"),
                    },
                    LogPrompts = parse.GetValue(logPrompts),
                    AuditRetentionDays = parse.GetValue(retention),
                },
                Engine = new EngineOptions
                {
                    KvCacheBytes = EngineOptions.ParseBytes(parse.GetValue(kvMemory)!),
                    KvCacheType = CommonOptions.ParseKvCacheType(parse.GetValue(kvType)!),
                    Speculative = speculation,
                    StreamInterval = CommonOptions.CheckStreamInterval(parse.GetValue(streamInterval)),
                    Scheduler = new SchedulerOptions
                    {
                        MaxBatchedTokens = parse.GetValue(maxBatched),
                        MaxNumSeqs = parse.GetValue(maxSeqs),
                        MaxQueue = parse.GetValue(maxQueue),
                    },
                },
            };
            if (ServerOptionsValidator.Problems(options) is [var problem, ..])
                throw new CliUsageException(OptionFlags.Describe(problem));
            var (stages, spawned) = pipeline.Resolve(parse, specs is [{ IsBuiltIn: false } only] ? only.Path : null, options.Threads);
            using (spawned)
                return Run(options with { PipelineWorkers = stages }, observability.Logging(parse)).GetAwaiter().GetResult();
        });
        return command;
    }

    private static async Task<int> Run(ServerOptions options, Action<Microsoft.Extensions.Logging.ILoggingBuilder> logging)
    {
        await using var server = GantryServer.Create(options, configureLogging: logging);
        await server.StartAsync().ConfigureAwait(false);
        try
        {
            await server.ModelsLoaded.ConfigureAwait(false);
        }
        catch (Exception e) when (CliErrors.IsExpected(e))
        {
            await server.StopAsync().ConfigureAwait(false);
            throw;
        }
        Console.Error.WriteLine($"gantry: serving {string.Join(", ", server.Registry.Models.Select(m => m.Name))} at {server.Url} (OpenAI API under /v1; Ctrl+C to stop)");
        await server.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The <c>--chat-template</c> file's text (the server parses it and reports a syntax error with its line).</summary>
    private static string ReadTemplate(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        return File.ReadAllText(path);
    }

    /// <summary>The server's guardrails: the spec over the flag-everything default, and the deny-list file's terms.</summary>
    private static GuardrailSettings Guardrails(string? spec, string? denyTermsFile)
    {
        var settings = new GuardrailSettings();
        if (SecurityOptions.ParseGuardrails(spec) is { } modes)
            settings = settings with { Modes = GuardrailModeSpec.ApplyTo(settings.ToPolicy(), modes) };
        if (denyTermsFile is not null)
        {
            if (!File.Exists(denyTermsFile)) throw new FileNotFoundException($"file not found: {denyTermsFile}", denyTermsFile);
            settings = settings with { DenyTerms = GuardrailSettings.ReadDenyTerms(denyTermsFile) };
        }
        return settings;
    }

    /// <summary>The <c>--guard-model</c> settings; null without one. A missing file fails here, before the server starts.</summary>
    private static GuardModelSettings? GuardModel(string? path, string? kvMemory, string onFailure, int? streamInterval)
    {
        var failure = onFailure switch
        {
            "open" => GuardModelFailure.Open,
            "closed" => GuardModelFailure.Closed,
            _ => throw new CliUsageException($"--guard-model-on-failure must be open or closed (got '{onFailure}')"),
        };
        if (path is null)
        {
            if (kvMemory is not null) throw new CliUsageException("--guard-kv-cache-memory needs --guard-model");
            if (streamInterval is not null) throw new CliUsageException("--guard-model-stream-interval needs --guard-model");
            return null;
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"guard model file not found: {path}", path);
        return new GuardModelSettings
        {
            Path = path, KvCacheBytes = kvMemory is null ? null : EngineOptions.ParseBytes(kvMemory), OnFailure = failure,
            StreamIntervalTokens = streamInterval ?? GuardModelSettings.DefaultStreamIntervalTokens,
        };
    }

    private static List<CascadeSpec> ParseCascades(IEnumerable<string> texts)
    {
        var list = new List<CascadeSpec>();
        foreach (var text in texts)
        {
            try
            {
                list.Add(CascadeSpec.Parse(text));
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException("--cascade: " + e.Message.Split(" (Parameter")[0]);
            }
        }
        return list;
    }
}
