using System.ComponentModel.DataAnnotations;

namespace Sesame.Server.Infrastructure.Mail;

/// <summary>The "Mail" section.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required]
    public string FromAddress { get; set; } = "ne-pas-repondre@sesame.localhost";

    [Required]
    public string FromName { get; set; } = "Sesame";

    /// <summary>The SMTP relay. Empty only in Development, where mail stays in the development mailbox.</summary>
    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>StartTls when the relay offers it (Auto), or None for a local relay.</summary>
    public string SmtpSecurity { get; set; } = "Auto";

    public string? SmtpUsername { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Keep sent messages readable for the development mailbox page; refused in Production.</summary>
    public bool KeepSentMessages { get; set; }

    /// <summary>How often the sender looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retry delays double from this up to <see cref="MaximumBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaximumBackoff { get; set; } = TimeSpan.FromMinutes(10);
}
