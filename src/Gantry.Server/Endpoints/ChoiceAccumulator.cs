using System.Text;
using Gantry.Engine;
using Gantry.Engine.Sampling;

namespace Gantry.Server.Endpoints;

/// <summary>Collects one choice's events for a non-streaming response.</summary>
internal sealed class ChoiceAccumulator
{
    public StringBuilder Text { get; } = new();
    public List<(int Token, float LogProb, TokenLogProb[] Top)> LogProbs { get; } = [];
    public FinishReason? Finish { get; private set; }
    public GenerationUsage? Usage { get; private set; }
    public string? Error { get; private set; }

    public void Add(TokenEvent e)
    {
        if (e.TokenId >= 0 && e.LogProb is { } lp) LogProbs.Add((e.TokenId, lp, e.TopLogProbs ?? []));
        Text.Append(e.TextDelta);
        if (e.FinishReason is { } reason)
        {
            Finish = reason;
            Usage = e.Usage;
            Error = e.Error;
        }
    }

    /// <summary>
    /// Collects every choice, or — when any choice failed in the engine — writes a 500 error and returns null,
    /// so both non-streaming endpoints share one failure rule.
    /// </summary>
    public static async Task<ChoiceAccumulator[]?> CollectOrFailAsync(Microsoft.AspNetCore.Http.HttpContext ctx, Streaming.GenerationSession session, int count)
    {
        var choices = await CollectAsync(session, count).ConfigureAwait(false);
        if (choices.FirstOrDefault(a => a.Finish == FinishReason.Error) is not { } failed) return choices;
        await ErrorWriter.WriteAsync(ctx, Validation.ApiError.Internal(failed.Error ?? "generation failed")).ConfigureAwait(false);
        return null;
    }

    /// <summary>Reads every event of the session into one accumulator per choice.</summary>
    public static async Task<ChoiceAccumulator[]> CollectAsync(Streaming.GenerationSession session, int count)
    {
        var choices = new ChoiceAccumulator[count];
        for (var i = 0; i < count; i++) choices[i] = new ChoiceAccumulator();
        while (await session.MoveNextAsync().ConfigureAwait(false)) choices[session.Current.Index].Add(session.Current.Event);
        return choices;
    }
}
