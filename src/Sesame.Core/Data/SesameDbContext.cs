using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Accounts;
using Sesame.Core.Consents;
using Sesame.Core.Mail;
using Sesame.Core.Services;
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

    public DbSet<RelyingParty> RelyingParties => Set<RelyingParty>();

    public DbSet<Consent> Consents => Set<Consent>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // OpenIddict's applications, authorizations, scopes and tokens (string keys).
        builder.UseOpenIddict();

        builder.Entity<SesameUser>(user =>
        {
            // Identity indexes the normalized e-mail without uniqueness; citizens' e-mails are unique (mission.md §1).
            user.HasIndex(u => u.NormalizedEmail).IsUnique().HasDatabaseName("UX_Users_NormalizedEmail");
            user.HasIndex(u => u.PersonId);
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

        builder.Entity<RelyingParty>(service =>
        {
            service.ToTable("RelyingParties");
            service.HasKey(r => r.ClientId);
            service.Property(r => r.ClientId).HasMaxLength(100);
            service.Property(r => r.NameFr).HasMaxLength(200);
            service.Property(r => r.NameEn).HasMaxLength(200);
            service.Property(r => r.HomePage).HasMaxLength(500);
            service.Property(r => r.Sector).HasMaxLength(100);
            service.Property(r => r.AllowedClaims).HasMaxLength(500);
            service.Ignore(r => r.AllowedClaimSet);
            service.HasIndex(r => r.Sector);
        });

        builder.Entity<Consent>(consent =>
        {
            consent.ToTable("Consents");
            consent.HasKey(c => c.Id);
            consent.Property(c => c.ClientId).HasMaxLength(100);
            consent.Property(c => c.Claims).HasMaxLength(500);
            consent.Property(c => c.Purpose).HasMaxLength(500);
            consent.Property(c => c.Subject).HasMaxLength(64);
            consent.HasIndex(c => new { c.UserId, c.ClientId });
            consent.HasIndex(c => new { c.ClientId, c.Subject });
            consent.HasIndex(c => c.PersonId);
            consent.HasOne<SesameUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            consent.HasOne<RelyingParty>().WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
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
