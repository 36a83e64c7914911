using Gantry.Engine.KvCache;
using Gantry.Engine.Scheduling;

namespace Gantry.Engine.Tests.Scheduling;

/// <summary>Scheduler behaviour with counters and block ids only: a fake "model" just marks scheduled tokens computed.</summary>
public sealed class SchedulerTests
{
    private static (Scheduler, KvCacheManager) Make(int blocks, int blockSize = 4, int budget = 16, int maxSeqs = 8, int maxQueue = 100)
    {
        var kv = new KvCacheManager(new BlockPool(blocks, blockSize));
        return (new Scheduler(kv, new SchedulerOptions { MaxBatchedTokens = budget, MaxNumSeqs = maxSeqs, MaxQueue = maxQueue }), kv);
    }

    private static Sequence Seq(long id, int length, int priority = 0) => new(id, Enumerable.Range(100 * (int)id, length).ToArray(), 100, priority);

    /// <summary>Completes a step the way the engine does: a token is sampled for each sequence that is up to date, then the scheduler updates.</summary>
    private static void Complete(Scheduler scheduler, SchedulerOutput output)
    {
        var step = new StepOutput();
        step.Reset(output.Scheduled.Count);
        for (var i = 0; i < output.Scheduled.Count; i++)
        {
            var s = output.Scheduled[i];
            if (s.NumComputedTokens + s.NumScheduledTokens == s.Tokens.Count) step.Add(i, 7);
        }
        scheduler.UpdateFromOutput(output, step);
    }

    [Fact]
    public void Schedule_LongPrompt_IsChunkedUnderTheBudget()
    {
        var (scheduler, _) = Make(blocks: 32, budget: 16);
        var seq = Seq(1, 40);
        scheduler.Add(seq);
        var chunks = new List<int>();
        for (var step = 0; step < 3; step++)
        {
            var output = scheduler.Schedule();
            chunks.Add(seq.NumScheduledTokens);
            Complete(scheduler, output);
        }
        Assert.Equal([16, 16, 8], chunks);
        Assert.Equal(41, seq.Tokens.Count);
    }

    [Fact]
    public void Schedule_DecodesRunBesidePrefillChunks()
    {
        var (scheduler, _) = Make(blocks: 32, budget: 10);
        var a = Seq(1, 4);
        scheduler.Add(a);
        Complete(scheduler, scheduler.Schedule());
        var b = Seq(2, 30);
        scheduler.Add(b);
        var output = scheduler.Schedule();
        Assert.Equal(1, a.NumScheduledTokens);  // a decodes
        Assert.Equal(9, b.NumScheduledTokens);  // b prefills with what is left of the budget
        Assert.Equal(10, output.TotalScheduledTokens);
    }

    [Fact]
    public void Schedule_OutOfBlocks_PreemptsNewestAndResumesIt()
    {
        var (scheduler, _) = Make(blocks: 4, blockSize: 4, budget: 64);
        var old = Seq(1, 7);
        var young = Seq(2, 7);
        scheduler.Add(old);
        scheduler.Add(young);
        Complete(scheduler, scheduler.Schedule()); // both prefill 7 tokens into 2 blocks each: the pool is full
        Complete(scheduler, scheduler.Schedule()); // both decode the 8th token, still within 2 blocks
        Complete(scheduler, scheduler.Schedule()); // the 9th needs a third block each: the newest is preempted
        Assert.True(scheduler.Preemptions >= 1);
        Assert.Equal(SequenceStatus.Running, old.Status);
        Assert.Equal(SequenceStatus.Waiting, young.Status);
        Assert.Empty(young.BlockTable);
        Assert.Equal(0, young.NumComputedTokens);

        scheduler.Finish(old);
        var output = scheduler.Schedule();
        Assert.Contains(young, output.Scheduled);
        Assert.Equal(young.Tokens.Count, young.NumComputedTokens + young.NumScheduledTokens);
    }

    [Fact]
    public void Schedule_PromptLargerThanCache_FailsInsteadOfDeadlocking()
    {
        var (scheduler, _) = Make(blocks: 2, blockSize: 4);
        var huge = Seq(1, 20);
        scheduler.Add(huge);
        var output = scheduler.Schedule();
        Assert.Contains(huge, output.Failed);
        Assert.False(scheduler.HasWork);
    }

    [Fact]
    public void Add_QueueAtLimit_ThrowsQueueFull()
    {
        var (scheduler, _) = Make(blocks: 8, maxQueue: 2);
        scheduler.Add(Seq(1, 3));
        scheduler.Add(Seq(2, 3));
        Assert.Throws<QueueFullException>(() => scheduler.Add(Seq(3, 3)));
    }

    [Fact]
    public void Schedule_Priority_AdmitsLowerValueFirst()
    {
        var (scheduler, _) = Make(blocks: 64, budget: 4, maxSeqs: 1);
        var normal = Seq(1, 3, priority: 5);
        var urgent = Seq(2, 3, priority: 0);
        scheduler.Add(normal);
        scheduler.Add(urgent);
        var output = scheduler.Schedule();
        Assert.Equal([urgent], output.Scheduled);
    }

    [Fact]
    public void Schedule_MaxNumSeqs_LimitsRunning()
    {
        var (scheduler, _) = Make(blocks: 64, budget: 100, maxSeqs: 2);
        for (var i = 0; i < 5; i++) scheduler.Add(Seq(i, 3));
        scheduler.Schedule();
        Assert.Equal(2, scheduler.RunningCount);
        Assert.Equal(3, scheduler.WaitingCount);
    }

    [Fact]
    public void RandomSoak_EveryBlockReturnsAndEverySequenceFinishes()
    {
        var random = new Random(99);
        var (scheduler, kv) = Make(blocks: 24, blockSize: 4, budget: 32, maxSeqs: 6, maxQueue: 10_000);
        var live = new List<Sequence>();
        var finished = 0;
        for (var id = 0; id < 1000; id++)
        {
            var seq = new Sequence(id, Enumerable.Range(0, random.Next(1, 30)).Select(_ => random.Next(8)).ToArray(), random.Next(1, 12));
            scheduler.Add(seq);
            live.Add(seq);
            if (random.Next(3) == 0)
            {
                var victim = live[random.Next(live.Count)];
                scheduler.Finish(victim); // cancellation
            }
            var output = scheduler.Schedule();
            Complete(scheduler, output);
            foreach (var s in live.Where(s => s.Status == SequenceStatus.Running && s.OutputLength >= s.MaxTokens).ToList()) scheduler.Finish(s);
            finished += live.RemoveAll(s => s.Status == SequenceStatus.Finished);
        }
        for (var guard = 0; scheduler.HasWork && guard < 100_000; guard++)
        {
            Complete(scheduler, scheduler.Schedule());
            foreach (var s in live.Where(s => s.Status == SequenceStatus.Running && s.OutputLength >= s.MaxTokens).ToList()) scheduler.Finish(s);
            finished += live.RemoveAll(s => s.Status == SequenceStatus.Finished);
        }
        Assert.False(scheduler.HasWork);
        Assert.Equal(1000, finished);
        Assert.Equal(kv.Pool.BlockCount, kv.Pool.BlocksFree);
    }
}
