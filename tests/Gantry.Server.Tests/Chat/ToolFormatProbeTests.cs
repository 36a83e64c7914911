using System.Runtime.CompilerServices;
using Gantry.Models.ChatTemplates;
using Gantry.Models.ToolCalls;
using Gantry.Server.Chat;

namespace Gantry.Server.Tests.Chat;

/// <summary>The tool-call syntax is read off the real templates of the template corpus, as rendered over a probe conversation.</summary>
public sealed class ToolFormatProbeTests
{
    [Theory]
    [InlineData("Qwen-Qwen2.5-7B-Instruct", "<|endoftext|>", "<|im_end|>", ToolCallFormat.Hermes)]
    [InlineData("NousResearch-Hermes-3-Llama-3.1-8B-tool_use", "<|begin_of_text|>", "<|im_end|>", ToolCallFormat.Hermes)]
    [InlineData("Qwen-Qwen3-0.6B", "", "<|im_end|>", ToolCallFormat.Hermes)]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct", "<|begin_of_text|>", "<|eot_id|>", ToolCallFormat.Llama3)]
    [InlineData("meta-llama-Llama-3.2-3B-Instruct", "<|begin_of_text|>", "<|eot_id|>", ToolCallFormat.Llama3)]
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407", "<s>", "</s>", ToolCallFormat.Mistral)]
    [InlineData("google-gemma-2-2b-it", "<bos>", "<eos>", ToolCallFormat.None)]
    public void Detect_CorpusTemplate_FindsItsFamily(string name, string bos, string eos, ToolCallFormat expected)
    {
        var template = ChatTemplate.Parse(File.ReadAllText(Corpus(name)), bos, eos);
        Assert.Equal(expected, ToolFormatProbe.Detect(template, tokenizer: null));
    }

    private static string Corpus(string name, [CallerFilePath] string thisFile = "")
    {
        var relative = $"Gantry.Models.Tests/ChatTemplates/Corpus/{name}.jinja";
        var beside = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "../..", relative));
        if (File.Exists(beside)) return beside;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("template corpus file not found", relative);
    }
}
