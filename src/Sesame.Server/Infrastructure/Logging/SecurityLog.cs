using Sesame.Core.Privacy;

namespace Sesame.Server.Infrastructure.Logging;

/// <summary>
/// Security events for the operators' monitoring (OWASP ASVS 4.0 V7.2.1: authentication decisions are logged).
/// The account and the client address are pseudonymous data: they leave only as keyed hashes
/// (<see cref="LogRedaction"/>), enough to see that one account is being attacked, or from one network.
/// </summary>
public static partial class SecurityLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Security.LockedOut account {Account} locked after repeated wrong passwords, last from {Address}")]
    public static partial void AccountLockedOut(ILogger logger, [PseudonymousData] Guid account, [PseudonymousData] string? address);
}
