namespace Gantry.Bench.LlamaCpp;

/// <summary>One engine under test with a model loaded. Each method runs one timed measurement and returns tokens/s.</summary>
internal interface IBenchTarget : IDisposable
{
    string Name { get; }

    /// <summary>Tokens in the model's vocabulary (the same for both engines on one file, so prompts match across processes).</summary>
    int VocabSize { get; }

    /// <summary>Prompt tokens per second for one fresh prompt.</summary>
    double Prefill(int[] prompt);

    /// <summary>
    /// Aggregate decode tokens per second with <c>prompts.Length</c> sequences generating <paramref name="genTokens"/>
    /// each at once; the prompts' prefill is not timed.
    /// </summary>
    double Decode(int[][] prompts, int genTokens);
}
