using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary><c>gantry synth --arch</c> writes each family; <c>gantry info</c> reports its experts, sliding windows and soft-caps.</summary>
public sealed class SynthInfoTests : IDisposable
{
    private readonly TempFile _file = new();

    [Theory]
    [InlineData("gemma2", "sliding window:   16 tokens on 2 of 4 layers", "soft-caps:        attention 10, final logits 15")]
    [InlineData("gemma3", "sliding window:   16 tokens on 5 of 6 layers", "architecture:     gemma3")]
    [InlineData("mixtral", "experts:          2 of 4 per token", "architecture:     llama")]
    [InlineData("qwen2moe", "experts:          2 of 8 per token", "architecture:     qwen2moe")]
    [InlineData("qwen3", "head size 128", "architecture:     qwen3")]
    [InlineData("phi3", "architecture:     phi3", "heads (kv):       4 (2)")]
    public void SynthTiny_ThenInfo_ReportsTheFamilysFeatures(string arch, string expected, string alsoExpected)
    {
        var synth = CliRunner.Run("synth", "--arch", arch, "--shape", "tiny", "--type", "f16", "--out", _file.Path);
        Assert.True(synth.ExitCode == 0, synth.Stderr);
        var info = CliRunner.Run("info", "--model", _file.Path);
        Assert.True(info.ExitCode == 0, info.Stderr);
        Assert.Contains(expected, info.Stdout);
        Assert.Contains(alsoExpected, info.Stdout);
    }

    public void Dispose() => _file.Dispose();
}
