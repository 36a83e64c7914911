using Gantry.Engine.Sampling;
using static Gantry.Engine.Tests.Sampling.SamplingTestHelpers;

namespace Gantry.Engine.Tests.Sampling;

public class SamplerTests
{
    private static readonly SamplingParams Everything = new()
    {
        Temperature = 0.8f, TopK = 50, TopP = 0.9f, MinP = 0.02f,
        RepetitionPenalty = 1.1f, PresencePenalty = 0.3f, FrequencyPenalty = 0.2f, Seed = 123,
    };

    private static int[] Generate(Sampler sampler, float[] logits, int steps)
    {
        var tokens = new int[steps];
        for (int i = 0; i < steps; i++)
        {
            tokens[i] = sampler.Sample(logits);
            sampler.Accept(tokens[i]);
        }
        return tokens;
    }

    [Fact]
    public void Sample_Greedy_ReturnsArgmax()
    {
        var sampler = new Sampler(SamplingParams.Greedy, 5);
        Assert.Equal(3, sampler.Sample([0.1f, -2f, 1.5f, 2f, 1.99f]));
    }

    [Fact]
    public void Sample_GreedyWithTiedMaxima_ReturnsLowestId()
    {
        var sampler = new Sampler(SamplingParams.Greedy, 5);
        Assert.Equal(1, sampler.Sample([1f, 3f, 2f, 3f, 3f]));
    }

    [Fact]
    public void Sample_GreedyWithRepetitionPenalty_ArgmaxOfPenalizedLogits()
    {
        var sampler = new Sampler(SamplingParams.Greedy with { RepetitionPenalty = 1.5f }, 3);
        float[] logits = [1f, 3f, 2.9f];
        Assert.Equal(1, sampler.Sample(logits));
        sampler.Accept(1); // 3 / 1.5 = 2 < 2.9
        Assert.Equal(2, sampler.Sample(logits));
    }

    [Fact]
    public void Sample_TopKOne_AlwaysArgmaxForAnySeed()
    {
        var logits = RandomLogits(new Random(5), 1000);
        int argmax = Array.IndexOf(logits, logits.Max());
        for (ulong seed = 0; seed < 20; seed++)
            Assert.Equal(argmax, new Sampler(new SamplingParams { TopK = 1, Seed = seed }, 1000).Sample(logits));
    }

    [Fact]
    public void Sample_Any_DoesNotModifyLogits()
    {
        var logits = RandomLogits(new Random(6), 1000);
        var copy = logits.ToArray();
        var sampler = new Sampler(Everything, 1000);
        sampler.Accept(3);
        sampler.Sample(logits);
        Assert.Equal(copy, logits);
    }

    [Fact]
    public void Sample_SameSeed_SameSequence()
    {
        var logits = RandomLogits(new Random(7), 1000, scale: 2f);
        var a = Generate(new Sampler(Everything, 1000), logits, 200);
        var b = Generate(new Sampler(Everything, 1000), logits, 200);
        Assert.Equal(a, b);
        Assert.True(a.Distinct().Count() > 5, "the test should actually exercise randomness");
    }

    [Fact]
    public void Sample_DifferentSeed_DifferentSequence()
    {
        var logits = RandomLogits(new Random(7), 1000, scale: 2f);
        var a = Generate(new Sampler(Everything, 1000), logits, 200);
        var b = Generate(new Sampler(Everything with { Seed = 124 }, 1000), logits, 200);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Sample_NoSeed_SeedReportedAndReplayable()
    {
        var logits = RandomLogits(new Random(8), 100);
        var unseeded = new Sampler(new SamplingParams(), 100);
        var replay = new Sampler(new SamplingParams { Seed = unseeded.Seed }, 100);
        Assert.Equal(Generate(unseeded, logits, 50), Generate(replay, logits, 50));
    }

    [Fact]
    public void Sample_TemperatureOne_FrequenciesMatchSoftmax()
    {
        // Chi-square goodness of fit, 20,000 draws, 4 degrees of freedom: 18.47 is the 0.1% critical value.
        // With a fixed seed this is deterministic; a wrong distribution (e.g. an off-by-one in the CDF or
        // temperature applied twice) gives statistics in the hundreds.
        float[] logits = [1.0f, 0.5f, 0f, -0.5f, -1.5f];
        var expectedProbs = SoftmaxReference(logits);
        var sampler = new Sampler(new SamplingParams { Seed = 2024 }, logits.Length);
        const int draws = 20_000;
        var counts = new int[logits.Length];
        for (int i = 0; i < draws; i++)
            counts[sampler.Sample(logits)]++;
        double chiSquare = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double expected = draws * expectedProbs[i];
            chiSquare += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        Assert.True(chiSquare < 18.47, $"chi-square {chiSquare:F2}, counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void Sample_HighTemperatureAfterTopP_NucleusChosenAtTemperatureOne()
    {
        // At temperature 1 token 0 holds 88% of the mass, so top-p 0.5 keeps it alone; temperature runs
        // after the filter, so even temperature 10 (a nearly flat distribution) cannot bring the others back.
        float[] logits = [4f, 1f, 1f, 1f];
        var sampler = new Sampler(new SamplingParams { TopP = 0.5f, Temperature = 10f, Seed = 1 }, 4);
        for (int i = 0; i < 200; i++)
            Assert.Equal(0, sampler.Sample(logits));
    }

    [Fact]
    public void Sample_NaNLogits_NeverChosen()
    {
        float[] logits = [float.NaN, 1f, float.NaN, 0.5f];
        var sampler = new Sampler(new SamplingParams { Seed = 3 }, 4);
        for (int i = 0; i < 200; i++)
            Assert.Contains(sampler.Sample(logits), new[] { 1, 3 });
        Assert.Equal(1, new Sampler(SamplingParams.Greedy, 4).Sample(logits));
    }

    [Fact]
    public void Sample_AllNegativeInfinity_ReturnsLowestIdWithoutThrowing()
    {
        float[] logits = [float.NegativeInfinity, float.NegativeInfinity, float.NegativeInfinity];
        Assert.Equal(0, new Sampler(Everything with { TopK = 0 }, 3).Sample(logits));
        Assert.Equal(0, new Sampler(SamplingParams.Greedy, 3).Sample(logits));
    }

    [Fact]
    public void Sample_NegativeInfinityMasked_NeverChosen()
    {
        float[] logits = [0f, float.NegativeInfinity, 0f, float.NegativeInfinity];
        var sampler = new Sampler(new SamplingParams { Seed = 9 }, 4);
        for (int i = 0; i < 500; i++)
            Assert.Contains(sampler.Sample(logits), new[] { 0, 2 });
    }

    [Fact]
    public void Sample_WrongLogitsLength_Throws()
    {
        var sampler = new Sampler(new SamplingParams(), 10);
        Assert.Throws<ArgumentException>(() => sampler.Sample(new float[9]));
    }

    [Fact]
    public void Accept_TokenOutsideVocabulary_Throws()
    {
        var sampler = new Sampler(new SamplingParams(), 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Accept(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Accept(-1));
    }

    [Fact]
    public void Pipeline_AllStagesOn_InDocumentedOrder()
    {
        var names = new Sampler(Everything, 10).Pipeline.Select(s => s.Name);
        Assert.Equal(["penalties", "top-k", "top-p", "min-p", "temperature"], names);
    }

    [Fact]
    public void Pipeline_DefaultsAndGreedy_NoOpStagesOmitted()
    {
        Assert.Empty(new Sampler(new SamplingParams(), 10).Pipeline);
        Assert.Equal(["penalties"], new Sampler(Everything with { Temperature = 0 }, 10).Pipeline.Select(s => s.Name));
    }

    [Fact]
    public void Sample_SharedWorkspace_SameTokensAsOwnBuffers()
    {
        var logits = RandomLogits(new Random(10), 500);
        var shared = new CandidateSet(500);
        var a = new Sampler(Everything, 500, shared);
        var b = new Sampler(Everything with { Seed = 77 }, 500, shared);
        var aOwn = new Sampler(Everything, 500);
        var bOwn = new Sampler(Everything with { Seed = 77 }, 500);
        for (int i = 0; i < 50; i++) // interleaved, as the engine loop would step two sequences
        {
            int ta = a.Sample(logits), tb = b.Sample(logits);
            Assert.Equal(aOwn.Sample(logits), ta);
            Assert.Equal(bOwn.Sample(logits), tb);
            a.Accept(ta); aOwn.Accept(ta); b.Accept(tb); bOwn.Accept(tb);
        }
    }

    public static TheoryData<string> AllocationCases() => ["everything", "no-top-k", "greedy", "defaults"];

    [Theory]
    [MemberData(nameof(AllocationCases))]
    public void Sample_AfterWarmUp_AllocatesNothing(string name)
    {
        var p = name switch
        {
            "everything" => Everything,
            "no-top-k" => Everything with { TopK = 0, TopP = 0.95f, LogProbs = 5 }, // exercises the top-p sorts
            "greedy" => Everything with { Temperature = 0 },
            _ => new SamplingParams { Seed = 1 },
        };
        const int vocab = 32_000;
        var logits = RandomLogits(new Random(11), vocab, scale: 1f);
        var sampler = new Sampler(p, vocab);
        var top = new TokenLogProb[5];
        for (int i = 0; i < 300; i++) // warm up: JIT tiers, history ring and dictionary reach window size
            Step();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        void Step()
        {
            int t = sampler.Sample(logits);
            sampler.ComputeLogProbs(logits, t, top, out _);
            sampler.Accept(t);
        }
    }
}
