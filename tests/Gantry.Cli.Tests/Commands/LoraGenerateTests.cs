using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Commands;

/// <summary><c>gantry synth-lora</c> writes an adapter that <c>gantry generate --lora PATH[:SCALE]</c> applies; bad ones are one line.</summary>
public sealed class LoraGenerateTests : IDisposable
{
    private readonly TempFile _base = new();
    private readonly TempFile _adapter = new();

    private string Generate(params string[] extra)
    {
        var r = CliRunner.Run(["generate", "--model", _base.Path, "--prompt", "a b c", "-n", "12", "--temperature", "0", "--threads", "1", .. extra]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.False(string.IsNullOrWhiteSpace(r.Stdout));
        return r.Stdout;
    }

    [Fact]
    public void Generate_WithLora_ChangesOutputAndScaleZeroIsTheBase()
    {
        Assert.Equal(0, CliRunner.Run("synth", "--shape", "tiny", "--type", "f32", "--out", _base.Path).ExitCode);
        var synth = CliRunner.Run("synth-lora", "--shape", "tiny", "--rank", "8", "--strength", "1", "--seed", "4", "--out", _adapter.Path);
        Assert.True(synth.ExitCode == 0, synth.Stderr);
        var plain = Generate();
        Assert.NotEqual(plain, Generate("--lora", _adapter.Path));
        Assert.Equal(plain, Generate("--lora", _adapter.Path + ":0"));
    }

    [Fact]
    public void Generate_WithPeftDirectory_EqualsTheSameGgufAdapter()
    {
        using var peft = new TempDirectory();
        Assert.Equal(0, CliRunner.Run("synth", "--shape", "tiny", "--type", "f32", "--out", _base.Path).ExitCode);
        Assert.Equal(0, CliRunner.Run("synth-lora", "--shape", "tiny", "--rank", "8", "--strength", "1", "--seed", "4", "--out", _adapter.Path).ExitCode);
        var synth = CliRunner.Run("synth-lora", "--shape", "tiny", "--rank", "8", "--strength", "1", "--seed", "4", "--format", "peft", "--out", peft.Path);
        Assert.True(synth.ExitCode == 0, synth.Stderr);
        Assert.True(File.Exists(Path.Combine(peft.Path, "adapter_config.json")));
        var withGguf = Generate("--lora", _adapter.Path);
        Assert.Equal(withGguf, Generate("--lora", peft.Path));
        Assert.Equal(Generate("--lora", _adapter.Path + ":0.5"), Generate("--lora", peft.Path + ":0.5"));
        Assert.NotEqual(Generate(), withGguf);
    }

    [Fact]
    public void Generate_PeftDirectoryWithoutWeights_IsOneClearLine()
    {
        using var peft = new TempDirectory();
        Assert.Equal(0, CliRunner.Run("synth", "--shape", "tiny", "--type", "f32", "--out", _base.Path).ExitCode);
        File.WriteAllText(Path.Combine(peft.Path, "adapter_config.json"), "{\"r\": 8, \"lora_alpha\": 8}");
        var r = CliRunner.Run("generate", "--model", _base.Path, "--prompt", "a", "-n", "2", "--lora", peft.Path);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("has no adapter_model.safetensors", r.Stderr);
    }

    [Fact]
    public void Generate_AdapterForAnotherArchitecture_IsOneClearLine()
    {
        Assert.Equal(0, CliRunner.Run("synth", "--shape", "tiny", "--type", "f32", "--out", _base.Path).ExitCode);
        Assert.Equal(0, CliRunner.Run("synth-lora", "--arch", "qwen3", "--shape", "tiny", "--rank", "4", "--out", _adapter.Path).ExitCode);
        var r = CliRunner.Run("generate", "--model", _base.Path, "--prompt", "a", "-n", "2", "--lora", _adapter.Path);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("architecture 'qwen3' but the base model is 'llama'", r.Stderr);
    }

    [Theory]
    [InlineData("no-equals-sign")]
    [InlineData("bad:name=/tmp/x.gguf")]
    public void Serve_MalformedLora_IsUsageErrorNamingTheFlag(string spec)
    {
        var r = CliRunner.Run("serve", "--lora", spec, "--port", "0");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--lora", r.Stderr);
    }

    public void Dispose()
    {
        _base.Dispose();
        _adapter.Dispose();
    }
}
