using Gantry.Security.Storage;
using Gantry.Security.Audit;
using Gantry.Security.Keys;
using Gantry.Security.Limits;
using Gantry.Security.Usage;
using Microsoft.Extensions.Logging;

namespace Gantry.Security;

/// <summary>
/// The security layer of one running server, assembled in one place: key store, limiters, audit log with its pruner,
/// usage aggregation and the prompt redactor, on one clock. Shared by all request threads.
/// </summary>
public sealed class SecurityServices : IAsyncDisposable
{
    private readonly AuditPruner _pruner;

    private SecurityServices(SecuritySettings settings, AuthMode mode, StateDatabase db, TimeProvider time, IPromptRedactor redactor, ILogger logger)
    {
        Settings = settings;
        Mode = mode;
        Database = db;
        Time = time;
        Redactor = redactor;
        Logger = logger;
        Keys = new KeyStore(db, time);
        Audit = new AuditWriter(new AuditLog(db), (r, e) => SecurityLog.AuditFailed(logger, r.RequestId, e));
        Limiters = new RateLimiterRegistry(time, Audit);
        Usage = new UsageAggregator(db);
        Feedback = new FeedbackStore(db);
        _pruner = new AuditPruner(Audit.Log, TimeSpan.FromDays(settings.AuditRetentionDays), time, n => SecurityLog.Pruned(logger, n, settings.AuditRetentionDays));
    }

    public SecuritySettings Settings { get; }
    public AuthMode Mode { get; }
    public StateDatabase Database { get; }
    public TimeProvider Time { get; }
    public IPromptRedactor Redactor { get; }
    public ILogger Logger { get; }
    public KeyStore Keys { get; }
    /// <summary>The audit log, written in the background: <see cref="AuditWriter.Flush"/> before reading it.</summary>
    public AuditWriter Audit { get; }
    public RateLimiterRegistry Limiters { get; }
    public UsageAggregator Usage { get; }
    public FeedbackStore Feedback { get; }

    public static SecurityServices Start(SecuritySettings settings, string host, ILogger logger, TimeProvider? time = null, IPromptRedactor? redactor = null)
    {
        settings.Validate();
        time ??= TimeProvider.System;
        var db = StateDatabase.Open(settings.StateDir);
        var anyKey = new KeyStore(db, time).AnyActive();
        var mode = settings.Resolve(anyKey, host);
        if (mode == AuthMode.None) SecurityLog.AuthDisabled(logger, host);
        else
        {
            SecurityLog.AuthKeys(logger, db.Path);
            if (!anyKey) SecurityLog.NoKeys(logger);
        }
        return new SecurityServices(settings, mode, db, time, redactor ?? new GuardrailsPromptRedactor(), logger);
    }

    public async ValueTask DisposeAsync()
    {
        await _pruner.DisposeAsync().ConfigureAwait(false);
        await Audit.DisposeAsync().ConfigureAwait(false);
        Limiters.Dispose();
    }
}
