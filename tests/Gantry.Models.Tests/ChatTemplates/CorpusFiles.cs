using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Gantry.Models.Tests.ChatTemplates;

/// <summary>
/// The template corpus: Corpus/*.jinja (real templates from popular GGUFs, sources in Corpus/SOURCES.md) plus the
/// older Templates/*.jinja, and the conversations of Corpus/conversations.json they are rendered on.
/// </summary>
internal static class CorpusFiles
{
    public static string Directory { get; } = Locate();

    private static string Locate([CallerFilePath] string thisFile = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "Corpus");
        if (System.IO.Directory.Exists(dir)) return dir;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", "Gantry.Models.Tests", "ChatTemplates", "Corpus");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("ChatTemplates/Corpus test resources not found");
    }

    /// <summary>Template name (file name without .jinja) to its path, both folders, sorted.</summary>
    public static IReadOnlyDictionary<string, string> Templates { get; } =
        System.IO.Directory.GetFiles(Directory, "*.jinja").Concat(System.IO.Directory.GetFiles(TemplateFiles.Directory, "*.jinja"))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => p)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static JsonObject Conversations { get; } = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "conversations.json")))!.AsObject();

    public static string Source(string name) => File.ReadAllText(Templates[name]);

    // The special-token texts each family's tokenizer has (its tokenizer_config.json), by template-name prefix.
    private static readonly (string Prefix, string Bos, string Eos)[] Tokens =
    [
        ("meta-llama", "<|begin_of_text|>", "<|eot_id|>"), ("llama-3", "<|begin_of_text|>", "<|eot_id|>"), ("llama3", "<|begin_of_text|>", "<|eot_id|>"),
        ("fireworks", "<|begin_of_text|>", "<|eot_id|>"), ("NousResearch", "<|begin_of_text|>", "<|im_end|>"),
        ("meetkai", "<|begin_of_text|>", "<|eot_id|>"), ("Qwen", "", "<|im_end|>"), ("qwen", "", "<|im_end|>"),
        ("chatml", "", "<|im_end|>"), ("google-gemma", "<bos>", "<eos>"), ("gemma", "<bos>", "<eos>"),
        ("deepseek", "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"), ("llama-cpp-deepseek", "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>"),
        ("phi-4", "", "<|im_end|>"), ("microsoft-Phi", "<s>", "<|endoftext|>"), ("phi-3", "<s>", "<|endoftext|>"),
        ("openai-gpt-oss", "<|startoftext|>", "<|return|>"), ("ibm-granite", "", "<|end_of_text|>"), ("granite", "", "<|end_of_text|>"),
        ("CohereForAI", "<BOS_TOKEN>", "<|END_OF_TURN_TOKEN|>"), ("command-r", "<BOS_TOKEN>", "<|END_OF_TURN_TOKEN|>"),
        ("moonshotai", "[BOS]", "[EOS]"), ("GLM", "", "<|endoftext|>"), ("seed", "<seed:bos>", "<seed:eos>"), ("ByteDance", "<seed:bos>", "<seed:eos>"),
        ("NVIDIA", "<SPECIAL_10>", "<SPECIAL_11>"),
    ];

    public static (string Bos, string Eos) TokensFor(string name)
    {
        foreach (var (prefix, bos, eos) in Tokens)
            if (name.StartsWith(prefix, StringComparison.Ordinal)) return (bos, eos);
        return ("<s>", "</s>");
    }
}
