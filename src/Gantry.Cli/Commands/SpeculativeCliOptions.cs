using System.CommandLine;
using Gantry.Engine.Speculative;

namespace Gantry.Cli.Commands;

/// <summary>
/// <c>--speculative ngram|draft|off</c>, <c>--draft-model PATH</c>, <c>--num-speculative-tokens k</c>: the same flags on
/// every command that runs the engine (generate, serve, bench).
/// </summary>
internal sealed class SpeculativeCliOptions
{
    public Option<string?> Method { get; } = new("--speculative") { Description = "Speculative decoding: ngram, draft or off (default: draft when --draft-model is given, else off)" };

    public Option<string?> DraftModel { get; } = new("--draft-model") { Description = "A smaller GGUF model with the same vocabulary to draft tokens" };

    public Option<int> Tokens { get; } = new("--num-speculative-tokens") { Description = "Most draft tokens verified per step (adapted to the acceptance rate, and one fewer where a verify step would be one token past a four-token kernel pass)", DefaultValueFactory = _ => 4 };

    public void AddTo(Command command)
    {
        command.Options.Add(Method);
        command.Options.Add(DraftModel);
        command.Options.Add(Tokens);
    }

    /// <summary>
    /// Builds the engine's speculative options. The draft model is not loaded here (<see cref="SpeculativeOptions.DraftModel"/>
    /// stays null): whoever owns the worker pool loads <paramref name="draftPath"/> and sets it.
    /// </summary>
    public SpeculativeOptions Parse(ParseResult parse, out string? draftPath)
    {
        var path = draftPath = parse.GetValue(DraftModel);
        var method = parse.GetValue(Method)?.ToLowerInvariant() switch
        {
            null => path is null ? SpeculativeMethod.Off : SpeculativeMethod.Draft,
            "off" => SpeculativeMethod.Off,
            "ngram" => SpeculativeMethod.Ngram,
            "draft" => SpeculativeMethod.Draft,
            var other => throw new CliUsageException($"--speculative must be ngram, draft or off (got '{other}')"),
        };
        if (method == SpeculativeMethod.Draft && path is null) throw new CliUsageException("--speculative draft needs --draft-model PATH");
        var k = parse.GetValue(Tokens);
        if (k is < 1 or > 16) throw new CliUsageException($"--num-speculative-tokens must be between 1 and 16 (got {k})");
        if (path is not null && !File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        if (method != SpeculativeMethod.Draft) draftPath = null;
        return new SpeculativeOptions { Method = method, NumSpeculativeTokens = k };
    }
}
