namespace Gantry.Models.ChatTemplates.Jinja;

/// <summary>
/// Bounds on one render, so a hostile or broken template fails with a clear <see cref="ChatTemplateException"/>
/// instead of hanging, exhausting memory or overflowing the stack. The defaults are far above what any real chat
/// template needs for a long conversation (Llama 3.1's template spends about 40 steps per message). The wall-clock
/// bound catches what the step count cannot see (a few very expensive steps on a busy machine).
/// </summary>
internal sealed record RenderLimits(int MaxOutputChars, long MaxSteps, int MaxCallDepth, int MaxCollectionSize, TimeSpan MaxDuration)
{
    public static readonly RenderLimits Default = new(
        MaxOutputChars: 16 * 1024 * 1024,
        MaxSteps: 5_000_000,
        MaxCallDepth: 50,
        MaxCollectionSize: 1_000_000,
        MaxDuration: TimeSpan.FromSeconds(5));
}
