using Gantry.Engine.Sampling;

namespace Gantry.Engine.Tests.Sampling;

public class SamplingParamsTests
{
    [Fact]
    public void Defaults_AllFiltersOff_TemperatureOne()
    {
        var p = new SamplingParams();
        Assert.Equal(1f, p.Temperature);
        Assert.Equal(0, p.TopK);
        Assert.Equal(1f, p.TopP);
        Assert.Equal(0f, p.MinP);
        Assert.Equal(1f, p.RepetitionPenalty);
        Assert.Equal(64, p.RepetitionLastN);
        Assert.Equal(0f, p.PresencePenalty);
        Assert.Equal(0f, p.FrequencyPenalty);
        Assert.Null(p.Seed);
        Assert.Equal(0, p.LogProbs);
        Assert.False(p.IsGreedy);
        Assert.False(p.HasPenalties);
        p.Validate();
    }

    [Fact]
    public void Greedy_TemperatureZero_IsGreedy()
    {
        Assert.Equal(0f, SamplingParams.Greedy.Temperature);
        Assert.True(SamplingParams.Greedy.IsGreedy);
        SamplingParams.Greedy.Validate();
    }

    [Fact]
    public void HasPenalties_WindowZero_False()
    {
        Assert.True(new SamplingParams { PresencePenalty = 0.5f }.HasPenalties);
        Assert.False(new SamplingParams { PresencePenalty = 0.5f, RepetitionLastN = 0 }.HasPenalties);
    }

    [Fact]
    public void Validate_BoundaryValues_Accepted()
    {
        new SamplingParams
        {
            Temperature = 0, TopK = 1, TopP = 0, MinP = 1, RepetitionPenalty = 0.01f, RepetitionLastN = -1,
            PresencePenalty = -2, FrequencyPenalty = 2, Seed = ulong.MaxValue, LogProbs = SamplingParams.MaxLogProbs,
        }.Validate();
    }

    public static TheoryData<SamplingParams, string> BadParams() => new()
    {
        { new SamplingParams { Temperature = float.NaN }, nameof(SamplingParams.Temperature) },
        { new SamplingParams { Temperature = -0.1f }, nameof(SamplingParams.Temperature) },
        { new SamplingParams { Temperature = float.PositiveInfinity }, nameof(SamplingParams.Temperature) },
        { new SamplingParams { TopK = -1 }, nameof(SamplingParams.TopK) },
        { new SamplingParams { TopP = float.NaN }, nameof(SamplingParams.TopP) },
        { new SamplingParams { TopP = -0.01f }, nameof(SamplingParams.TopP) },
        { new SamplingParams { TopP = 1.01f }, nameof(SamplingParams.TopP) },
        { new SamplingParams { MinP = float.NaN }, nameof(SamplingParams.MinP) },
        { new SamplingParams { MinP = -0.5f }, nameof(SamplingParams.MinP) },
        { new SamplingParams { MinP = 1.5f }, nameof(SamplingParams.MinP) },
        { new SamplingParams { RepetitionPenalty = float.NaN }, nameof(SamplingParams.RepetitionPenalty) },
        { new SamplingParams { RepetitionPenalty = 0f }, nameof(SamplingParams.RepetitionPenalty) },
        { new SamplingParams { RepetitionPenalty = -1f }, nameof(SamplingParams.RepetitionPenalty) },
        { new SamplingParams { RepetitionLastN = -2 }, nameof(SamplingParams.RepetitionLastN) },
        { new SamplingParams { PresencePenalty = float.NaN }, nameof(SamplingParams.PresencePenalty) },
        { new SamplingParams { PresencePenalty = 2.5f }, nameof(SamplingParams.PresencePenalty) },
        { new SamplingParams { FrequencyPenalty = float.NaN }, nameof(SamplingParams.FrequencyPenalty) },
        { new SamplingParams { FrequencyPenalty = -3f }, nameof(SamplingParams.FrequencyPenalty) },
        { new SamplingParams { LogProbs = -1 }, nameof(SamplingParams.LogProbs) },
        { new SamplingParams { LogProbs = SamplingParams.MaxLogProbs + 1 }, nameof(SamplingParams.LogProbs) },
    };

    [Theory]
    [MemberData(nameof(BadParams))]
    public void Validate_BadValue_ThrowsNamingField(SamplingParams p, string field)
    {
        var ex = Assert.Throws<ArgumentException>(p.Validate);
        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message);
    }

    [Fact]
    public void SamplerConstructor_BadParams_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Sampler(new SamplingParams { TopP = 2f }, 10));
        Assert.Equal(nameof(SamplingParams.TopP), ex.ParamName);
    }
}
