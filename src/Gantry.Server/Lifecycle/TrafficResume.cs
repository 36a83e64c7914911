using System.Collections.Concurrent;
using Gantry.Server.Catalog;
using Microsoft.Data.Sqlite;

namespace Gantry.Server.Lifecycle;

/// <summary>
/// Persisting and resuming traffic configuration: every split and canary change is written to the state folder
/// (<see cref="RouteStateStore"/>), and a server started on the same folder resumes it once its models are published.
/// A split is set again (sticky assignments hash the same keys onto the same weights, so they hold across the restart);
/// a running canary resumes at the step it had reached (the step's clock and the objectives' window start afresh: the
/// outcomes before the restart are gone); a rolled-back canary keeps all traffic on its stable version and a promoted
/// one on its candidate, and both stay visible at <c>GET …/canary</c> with their reason. A persisted route is resumed
/// only when the version the server was started with is one it uses; otherwise the operator evidently chose another
/// model, and the persisted route is dropped with a log line.
/// </summary>
public sealed partial class TrafficController
{
    private readonly ConcurrentDictionary<string, ModelRoute> _resumed = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="route"/> is the one this server resumed at startup (not changed since).</summary>
    public bool IsResumed(ModelRoute route) => _resumed.TryGetValue(route.Name, out var r) && ReferenceEquals(r, route);

    /// <summary>Resumes every persisted split and canary whose model is served. Run once, after the models are published.</summary>
    internal async Task ResumeAsync(CancellationToken ct)
    {
        if (_lifecycle.RouteStates is not { } store) return;
        IReadOnlyList<PersistedRoute> saved;
        try
        {
            saved = store.List();
        }
        catch (SqliteException e)
        {
            LifecycleLog.NotResumed(_logger, "*", e.Message);
            return;
        }
        foreach (var p in saved)
        {
            await _lifecycle.ExclusiveAsync(async () =>
            {
                try
                {
                    await ResumeOneAsync(store, p, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ModelLifecycleException or SqliteException or IOException or ArgumentException)
                {
                    LifecycleLog.NotResumed(_logger, p.Name, e.Message); // the row stays: a later start with the files back resumes it
                }
                return 0;
            }, ct).ConfigureAwait(false);
        }
    }

    private async Task ResumeOneAsync(RouteStateStore store, PersistedRoute p, CancellationToken ct)
    {
        if (!_lifecycle.Registry.TryGetRoute(p.Name, out var route))
        {
            LifecycleLog.NotResumed(_logger, p.Name, "the model is not served by this server");
            return;
        }
        var served = route.Entries[0].Slot;
        var uses = p.Kind == PersistedRoute.SplitKind
            ? (p.Versions ?? []).Select(v => v.Version).Append(p.Shadow)
            : p.Canary is { } c ? [c.Stable, c.Candidate] : [];
        if (!uses.Contains(served.Version))
        {
            LifecycleLog.NotResumed(_logger, p.Name, $"started with version '{served.Version}', which the persisted {p.Kind} does not use; dropped");
            store.Remove(p.Name);
            return;
        }
        var sticky = ModelTrafficEndpoints.ParseSticky(p.Sticky);
        if (p.Kind == PersistedRoute.SplitKind)
        {
            var weights = p.Versions!.Select(v => (v.Version ?? "", v.Weight ?? 0)).ToList();
            var resumed = await SplitCoreAsync(p.Name, weights, sticky, p.Shadow, ct).ConfigureAwait(false);
            _resumed[p.Name] = resumed;
            LifecycleLog.Resumed(_logger, p.Name, $"split {string.Join(", ", weights.Select(w => $"{w.Item1}={w.Item2}"))} (sticky {p.Sticky}{(p.Shadow is null ? "" : ", shadow " + p.Shadow)})");
            return;
        }
        await ResumeCanaryAsync(p.Name, p.Canary!, served, sticky, ct).ConfigureAwait(false);
    }

    private async Task ResumeCanaryAsync(string name, PersistedCanary c, ModelSlot served, StickyMode sticky, CancellationToken ct)
    {
        Rollout.CheckSteps(c.Steps);
        c.Objectives.Validate();
        var state = Rollout.ParseState(c.State);
        var loaded = new List<ModelSlot>();
        async Task<ModelSlot> Routed(string version)
        {
            if (version == served.Version) return served;
            var (slot, _) = await _lifecycle.LoadSlotAsync(name, _lifecycle.Resolve(name, null, version), "resume", ct).ConfigureAwait(false);
            loaded.Add(slot);
            return slot;
        }
        // A version the resumed route does not serve (the loser of a finished canary) is named but never loaded.
        ModelSlot Named(string version) => version == served.Version ? served : _lifecycle.NewSlot(name, version, null, null);
        try
        {
            var stable = state == RolloutState.Promoted ? Named(c.Stable) : await Routed(c.Stable).ConfigureAwait(false);
            var candidate = state == RolloutState.RolledBack ? Named(c.Candidate) : await Routed(c.Candidate).ConfigureAwait(false);
            var rollout = new Rollout(name, stable, candidate, c.Steps, c.StepSeconds, c.Objectives, sticky, NowMs)
            {
                StepIndex = Math.Clamp(c.StepIndex, 0, c.Steps.Count - 1),
                State = state,
                Reason = c.Reason,
                Resumed = true,
            };
            _rollouts[name] = rollout;
            SetRoute(state switch
            {
                RolloutState.Running => rollout.Route(),
                RolloutState.Promoted => ModelRoute.Single(candidate),
                _ => ModelRoute.Single(stable),
            });
            LifecycleLog.Resumed(_logger, name, $"canary of '{candidate.Version}' over '{stable.Version}', {rollout.StateName} at weight {rollout.Weight}%"
                + (rollout.Reason is null ? "" : $" ({rollout.Reason})"));
        }
        catch
        {
            foreach (var s in loaded) s.Retire();
            throw;
        }
    }

    private void Persist(Rollout r) => Save(new PersistedRoute(r.Name, PersistedRoute.CanaryKind, Sticky: StickyName(r.Sticky),
        Canary: new PersistedCanary(r.Stable.Version, r.Candidate.Version, r.Steps, r.StepIndex, r.StepSeconds, r.Objectives, r.StateName, r.Reason)));

    private void Persist(ModelRoute route) => Save(new PersistedRoute(route.Name, PersistedRoute.SplitKind,
        route.Entries.Select(e => new SplitEntry(e.Slot.Version, e.Weight)).ToList(), StickyName(route.Sticky), route.Shadow?.Version));

    private static string StickyName(StickyMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Writes the route's configuration; a failed write is logged (the change itself stands, a restart will not resume it).</summary>
    private void Save(PersistedRoute p)
    {
        try
        {
            _lifecycle.RouteStates?.Save(p);
        }
        catch (SqliteException e)
        {
            LifecycleLog.PersistFailed(_logger, p.Name, e.Message);
        }
    }
}
