using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Mail;
using Sesame.Core.Sessions;

namespace Sesame.Core.Data;

/// <summary>
/// One model for both providers (stack-notes pitfall 2): this base holds the model, and a subclass per
/// provider holds that provider's migrations.
/// </summary>
public abstract class SesameDbContext(DbContextOptions options)
    : IdentityDbContext<SesameUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<EmailCode> EmailCodes => Set<EmailCode>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<SesameUser>(user =>
        {
            // Identity indexes the normalized e-mail without uniqueness; citizens' e-mails are unique (mission.md §1).
            user.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("UX_Users_NormalizedEmail");
        });

        builder.Entity<EmailCode>(code =>
        {
            code.ToTable("EmailCodes");
            code.HasKey(c => c.Id);
            code.Property(c => c.CodeHash).HasMaxLength(32);
            // Two requests that check, void or replace the same code at once: the second one's save fails
            // instead of accepting a code twice or losing a wrong entry.
            code.Property(c => c.FailedAttempts).IsConcurrencyToken();
            code.Property(c => c.ClosedAt).IsConcurrencyToken();
            code.HasIndex(c => new { c.UserId, c.CreatedAt });
            code.HasOne<SesameUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("OutboxMessages");
            message.HasKey(m => m.Id);
            message.Property(m => m.Template).HasMaxLength(100);
            message.Property(m => m.LastError).HasMaxLength(500);
            message.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });

        builder.Entity<UserSession>(session =>
        {
            session.ToTable("UserSessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasMaxLength(64);
            session.HasIndex(s => s.UserId);
            session.HasOne<SesameUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
