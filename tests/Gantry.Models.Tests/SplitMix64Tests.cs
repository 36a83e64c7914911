namespace Gantry.Models.Tests;

public sealed class SplitMix64Tests
{
    [Fact]
    public void SplitMix64_Seed1234567_MatchesPublishedOutputs()
    {
        // Outputs of the reference splitmix64.c for the seed 1234567.
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        ulong state = 1234567;
        foreach (ulong e in expected)
            Assert.Equal(e, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Next_Instance_MatchesStaticSequence()
    {
        var rng = new SplitMix64(1234567);
        ulong state = 1234567;
        for (int i = 0; i < 8; i++)
            Assert.Equal(SplitMix64.Next(ref state), rng.Next());
    }
}
