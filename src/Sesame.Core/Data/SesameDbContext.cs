using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Access;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Consents;
using Sesame.Core.Identity;
using Sesame.Core.Invitations;
using Sesame.Core.Mail;
using Sesame.Core.Organizations;
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

    public DbSet<ProofingCase> ProofingCases => Set<ProofingCase>();

    public DbSet<ProofingEvidence> ProofingEvidence => Set<ProofingEvidence>();

    public DbSet<ProofingAttempt> ProofingAttempts => Set<ProofingAttempt>();

    public DbSet<VerifiedIdentity> VerifiedIdentities => Set<VerifiedIdentity>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<SignInPlace> SignInPlaces => Set<SignInPlace>();

    public DbSet<AccountRecovery> AccountRecoveries => Set<AccountRecovery>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Installation> Installations => Set<Installation>();

    public DbSet<ProfessionalService> ProfessionalServices => Set<ProfessionalService>();

    public DbSet<OrganizationService> OrganizationServices => Set<OrganizationService>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<MembershipService> MembershipServices => Set<MembershipService>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<ProfessionalProfile> ProfessionalProfiles => Set<ProfessionalProfile>();

    public DbSet<SecurityAnswer> SecurityAnswers => Set<SecurityAnswer>();

    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();

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
            user.HasIndex(u => u.ClosureRequestedAt);
        });

        OnProfessionalModelCreating(builder);

        builder.Entity<SignInPlace>(place =>
        {
            place.ToTable("SignInPlaces");
            place.HasKey(p => p.Id);
            place.Property(p => p.PlaceHash).HasMaxLength(32);
            place.HasIndex(p => new { p.UserId, p.PlaceHash }).IsUnique();
            place.HasOne<SesameUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AccountRecovery>(recovery =>
        {
            recovery.ToTable("AccountRecoveries");
            recovery.HasKey(r => r.Id);
            recovery.HasIndex(r => new { r.UserId, r.RequestedAt });
            recovery.HasOne<SesameUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
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
            service.Property(r => r.ProfessionalServiceCode).HasMaxLength(50);
            service.HasOne<ProfessionalService>().WithMany().HasForeignKey(r => r.ProfessionalServiceCode).OnDelete(DeleteBehavior.Restrict);
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

        builder.Entity<ProofingCase>(proofing =>
        {
            proofing.ToTable("ProofingCases");
            proofing.HasKey(c => c.Id);
            proofing.Property(c => c.NamHash).HasMaxLength(32);
            proofing.Property(c => c.NasHash).HasMaxLength(32);
            proofing.Property(c => c.PostalSecretHash).HasMaxLength(32);
            proofing.Property(c => c.ReturnUrl).HasMaxLength(4000);
            proofing.Property(c => c.Version).IsConcurrencyToken();
            proofing.HasIndex(c => new { c.UserId, c.Status });
            proofing.HasMany(c => c.Evidence).WithOne().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
            proofing.HasOne<SesameUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProofingEvidence>(evidence =>
        {
            evidence.ToTable("ProofingEvidence");
            evidence.HasKey(e => e.Id);
            evidence.Property(e => e.RegistryReference).HasMaxLength(100);
        });

        builder.Entity<ProofingAttempt>(attempt =>
        {
            attempt.ToTable("ProofingAttempts");
            attempt.HasKey(a => a.Id);
            attempt.Property(a => a.NamHash).HasMaxLength(32);
            attempt.Property(a => a.NasHash).HasMaxLength(32);
            attempt.HasIndex(a => new { a.UserId, a.Kind, a.At });
            attempt.HasIndex(a => new { a.NamHash, a.At });
            attempt.HasIndex(a => new { a.NasHash, a.At });
            // Kept when the account is closed: the limits across accounts must still count its attempts.
        });

        builder.Entity<VerifiedIdentity>(identity =>
        {
            identity.ToTable("VerifiedIdentities");
            identity.HasKey(i => i.PersonId);
            identity.Property(i => i.NamHash).HasMaxLength(32);
            identity.Property(i => i.NasHash).HasMaxLength(32);
            identity.Property(i => i.Method).HasMaxLength(100);
            identity.Property(i => i.Reasons).HasMaxLength(1000);
            // One identity, one account (mission.md §2): the unique indexes are the last line of defence
            // against two accounts binding the same NAM or NAS at the same moment.
            identity.HasIndex(i => i.NamHash).IsUnique();
            identity.HasIndex(i => i.NasHash).IsUnique();
            identity.HasIndex(i => i.AccountId).IsUnique();
            identity.HasOne<SesameUser>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<AuditRecord>(audit =>
        {
            audit.ToTable("AuditRecords");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).ValueGeneratedOnAdd();
            audit.Property(a => a.Code).HasMaxLength(100);
            audit.Property(a => a.Actor).HasMaxLength(200);
            audit.Property(a => a.Service).HasMaxLength(100);
            audit.Property(a => a.Organization).HasMaxLength(100);
            audit.Property(a => a.Nature).HasMaxLength(200);
            audit.Property(a => a.Detail).HasMaxLength(500);
            audit.Property(a => a.Source).HasMaxLength(64);
            audit.Property(a => a.PreviousHash).HasMaxLength(32);
            audit.Property(a => a.Hash).HasMaxLength(32);
            // One place per record in the chain: a second sealer (another node) fails instead of forking it.
            audit.HasIndex(a => a.Sequence).IsUnique();
            audit.HasIndex(a => new { a.Subject, a.OccurredAt });
            audit.HasIndex(a => new { a.Code, a.OccurredAt });
            // No foreign key to the account: the trail outlives what it records.
        });

        builder.Entity<UserSession>(session =>
        {
            session.ToTable("UserSessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasMaxLength(64);
            session.Property(s => s.Device).HasMaxLength(100);
            session.Property(s => s.Methods).HasMaxLength(100);
            session.HasIndex(s => s.UserId);
            session.HasOne<SesameUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>Professional access (mission.md §5, seeds 003 and 004).</summary>
    private static void OnProfessionalModelCreating(ModelBuilder builder)
    {
        builder.Entity<Organization>(organization =>
        {
            organization.ToTable("Organizations");
            organization.HasKey(o => o.Id);
            organization.Property(o => o.Name).HasMaxLength(200);
            organization.Property(o => o.Code).HasMaxLength(OrganizationCodes.Length);
            organization.HasIndex(o => o.Code).IsUnique();
            organization.HasMany(o => o.Installations).WithOne().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            organization.HasMany(o => o.Services).WithOne().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Installation>(installation =>
        {
            installation.ToTable("Installations");
            installation.HasKey(i => i.Id);
            installation.Property(i => i.Number).HasMaxLength(20);
            installation.Property(i => i.Name).HasMaxLength(200);
            installation.HasIndex(i => i.Number).IsUnique();
        });

        builder.Entity<ProfessionalService>(service =>
        {
            service.ToTable("ProfessionalServices");
            service.HasKey(s => s.Code);
            service.Property(s => s.Code).HasMaxLength(50);
            service.Property(s => s.NameFr).HasMaxLength(200);
            service.Property(s => s.NameEn).HasMaxLength(200);
            // Reference data: the same catalogue in every environment, written by the migration.
            service.HasData(ProfessionalService.Catalogue.Select(s => new ProfessionalService { Code = s.Code, NameFr = s.NameFr, NameEn = s.NameEn, ListOrder = s.ListOrder }));
        });

        builder.Entity<OrganizationService>(grantable =>
        {
            grantable.ToTable("OrganizationServices");
            grantable.HasKey(s => new { s.OrganizationId, s.ServiceCode });
            grantable.Property(s => s.ServiceCode).HasMaxLength(50);
            grantable.HasOne<ProfessionalService>().WithMany().HasForeignKey(s => s.ServiceCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Membership>(membership =>
        {
            membership.ToTable("Memberships");
            membership.HasKey(m => m.Id);
            membership.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
            membership.HasIndex(m => m.UserId);
            membership.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            membership.HasOne<SesameUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            membership.HasMany(m => m.Services).WithOne().HasForeignKey(s => s.MembershipId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MembershipService>(granted =>
        {
            granted.ToTable("MembershipServices");
            granted.HasKey(s => new { s.MembershipId, s.ServiceCode });
            granted.Property(s => s.ServiceCode).HasMaxLength(50);
            granted.HasOne<ProfessionalService>().WithMany().HasForeignKey(s => s.ServiceCode).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.ToTable("Invitations");
            invitation.HasKey(i => i.Id);
            invitation.Property(i => i.Email).HasMaxLength(254);
            invitation.Property(i => i.Services).HasMaxLength(500);
            invitation.Property(i => i.CodeHash).HasMaxLength(32);
            invitation.Property(i => i.LinkHash).HasMaxLength(32);
            // Two requests checking the same code at once: the second save fails rather than losing a wrong entry
            // or accepting one invitation twice.
            invitation.Property(i => i.FailedAttempts).IsConcurrencyToken();
            invitation.Property(i => i.AcceptedAt).IsConcurrencyToken();
            invitation.Property(i => i.IssuedAt).IsConcurrencyToken();
            invitation.Ignore(i => i.ServiceCodes);
            invitation.HasIndex(i => new { i.OrganizationId, i.CreatedAt });
            invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            invitation.HasOne<SesameUser>().WithMany().HasForeignKey(i => i.InvitedBy).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProfessionalProfile>(profile =>
        {
            profile.ToTable("ProfessionalProfiles");
            profile.HasKey(p => p.UserId);
            profile.HasOne<SesameUser>().WithOne().HasForeignKey<ProfessionalProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SecurityAnswer>(answer =>
        {
            answer.ToTable("SecurityAnswers");
            answer.HasKey(a => a.Id);
            answer.Property(a => a.AnswerHash).HasMaxLength(200);
            answer.HasIndex(a => new { a.UserId, a.Question }).IsUnique();
            answer.HasOne<SesameUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AccessRequest>(request =>
        {
            request.ToTable("AccessRequests");
            request.HasKey(r => r.Id);
            request.Property(r => r.ReferenceNumber).HasMaxLength(9);
            request.HasIndex(r => r.ReferenceNumber).IsUnique();
            request.Property(r => r.Services).HasMaxLength(500);
            request.Property(r => r.GrantedServices).HasMaxLength(500);
            request.Property(r => r.ExistingUsername).HasMaxLength(254);
            request.Property(r => r.UserEmail).HasMaxLength(254);
            request.Property(r => r.AuthorizerEmail).HasMaxLength(254);
            request.Property(r => r.Installations).HasMaxLength(500);
            request.Property(r => r.RejectionReason).HasMaxLength(1000);
            request.Property(r => r.ConfirmationHash).HasMaxLength(32);
            request.Property(r => r.AuthorizerRole).HasConversion<int>();
            request.Property(r => r.Scope).HasConversion<int>();
            request.Property(r => r.State).HasConversion<int>();
            // Two operators deciding at once, or the authorizer answering twice: the second save fails instead
            // of approving twice or turning a refusal into a confirmation.
            request.Property(r => r.State).IsConcurrencyToken();
            request.Ignore(r => r.ServiceCodes);
            request.Ignore(r => r.InstallationNumbers);
            request.HasIndex(r => new { r.State, r.SubmittedAt });
            request.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            request.HasOne<SesameUser>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
