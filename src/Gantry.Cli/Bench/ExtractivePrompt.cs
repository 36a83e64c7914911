using Gantry.Models.Tokenizers;

namespace Gantry.Cli.Bench;

/// <summary>
/// The prompt of the extractive workload: text whose natural continuation repeats spans of the prompt, which is
/// where prompt-lookup (n-gram) speculation pays. The built-in prompt is a short children's story followed by a blank
/// line and the story's opening words, i.e. "now tell it again": a model that copies continues with the story. It is
/// written in the style of TinyStories so that the one trained model the tests ship (stories260K) can copy it; with
/// <c>--prompt-file</c> any text is used verbatim (a document plus a question whose answer is a span, code to edit…).
/// </summary>
internal static class ExtractivePrompt
{
    public const string BuiltInPassage =
        "One day, a little girl named Lily found a needle in her room. She knew it was difficult to play with it because it was sharp. " +
        "Lily wanted to share the needle with her mom, so she could sew a button on her shirt. Lily went to her mom and said, " +
        "\"Mom, I found this needle. Can you share it with me and sew my shirt?\" Her mom smiled and said, \"Yes, Lily, we can share " +
        "the needle and fix your shirt.\" Together, they shared the needle and sewed the button on Lily's shirt. It was not difficult " +
        "for them because they were sharing and helping each other. After they finished, Lily thanked her mom for sharing the needle " +
        "and fixing her shirt. They both felt happy because they had shared and worked together.";

    /// <summary>The cue after the passage: its opening words, so the answer starts by quoting it.</summary>
    public const string BuiltInCue = "One day, a little girl named Lily";

    public static string BuiltInText => BuiltInPassage + "\n\n" + BuiltInCue;

    /// <summary>Tokenizes the prompt text (BOS added as the model asks, like <c>gantry generate</c>).</summary>
    public static int[] Tokens(ITokenizer tokenizer, string? promptFile)
    {
        var text = promptFile is null ? BuiltInText : File.ReadAllText(promptFile);
        var tokens = tokenizer.Encode(text, addSpecial: true, parseSpecial: false);
        return tokens.Length > 0 ? tokens : throw new CliUsageException($"--prompt-file {promptFile} has no tokens");
    }
}
