using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Invitations;
using Sesame.Server.Tests.Support;
using static Sesame.Server.Tests.Features.AccessRequests.AccessRequestSteps;

namespace Sesame.Server.Tests.Features.AccessRequests;

/// <summary>"Possédez-vous un accès pour d'autres services en ligne de la RAMQ? Si oui, donnez votre nom d'utilisateur" (seed 003).</summary>
[Collection(ServerCollection.Name)]
public sealed class ExistingUsernameTests(ServerFixture server)
{
    [Fact]
    public async Task A_user_who_has_a_username_keeps_their_account_and_gains_the_membership()
    {
        var username = $"pro.{Guid.NewGuid():N}@cisss-demo.example";
        var accountId = await ProfessionalAsync(username);
        var establishment = await EstablishmentAsync(server);
        var user = NewPerson("MARIE", "LAVOIE");
        var authorizer = NewPerson("LUC", "LAVOIE");
        var form = Form(establishment, user, authorizer);
        form["Input.HasUsername"] = "oui";
        form["Input.ExistingUsername"] = username;
        var (reference, link) = await SubmitAsync(server, form, authorizer.Email);
        await ConfirmAsync(server, link);
        var id = await RequestIdAsync(server, reference);

        using var operatorBrowser = await OperatorAsync(server);
        var approved = await operatorBrowser.PostAsync($"/admin/demandes/{id}?handler=Approve", new Dictionary<string, string>
        {
            ["Input.Services"] = ProfessionalService.OnlinePaymentAuthorization, ["Input.ValidFrom"] = "2026-11-23", ["Input.ValidUntil"] = "2027-05-23",
        }, from: $"/admin/demandes/{id}");
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);

        Assert.Equal(username, ValueAfter((await server.Mail.WaitForAsync(authorizer.Email, 2))[1], "Voici le nom d'utilisateur délivré :"));
        var toUser = (await server.Mail.WaitForAsync(user.Email)).Single();
        Assert.Contains("Connectez-vous avec votre nom d'utilisateur habituel", toUser.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("mot de passe temporaire", toUser.Text, StringComparison.Ordinal);

        var (request, membership, mustChange, accounts) = await server.WithDatabaseAsync(async db => (
            await db.AccessRequests.AsNoTracking().SingleAsync(r => r.Id == id),
            await db.Memberships.AsNoTracking().Include(m => m.Services).SingleAsync(m => m.OrganizationId == establishment.Id),
            await db.ProfessionalProfiles.Where(p => p.UserId == accountId).Select(p => p.MustChangePassword).SingleAsync(),
            await db.Users.CountAsync(u => u.UserName == username)));
        Assert.Equal(accountId, request.AccountId);
        Assert.Equal(accountId, membership.UserId);
        Assert.Equal([ProfessionalService.OnlinePaymentAuthorization], membership.Services.Select(s => s.ServiceCode));
        Assert.False(mustChange);
        Assert.Equal(1, accounts);
    }

    [Fact]
    public async Task A_username_that_is_no_professional_account_cannot_be_approved()
    {
        var establishment = await EstablishmentAsync(server);
        var authorizer = NewPerson("LUC", "MORIN");
        var form = Form(establishment, NewPerson("ANNE", "MORIN"), authorizer);
        form["Input.HasUsername"] = "oui";
        form["Input.ExistingUsername"] = $"personne.{Guid.NewGuid():N}@cisss-demo.example";
        var (reference, link) = await SubmitAsync(server, form, authorizer.Email);
        await ConfirmAsync(server, link);
        var id = await RequestIdAsync(server, reference);

        using var operatorBrowser = await OperatorAsync(server);
        var refused = await operatorBrowser.PostAsync($"/admin/demandes/{id}?handler=Approve", new Dictionary<string, string>
        {
            ["Input.Services"] = ProfessionalService.OnlinePaymentAuthorization, ["Input.ValidFrom"] = "2026-11-23", ["Input.ValidUntil"] = "2027-05-23",
        }, from: $"/admin/demandes/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("ne correspond à aucun compte professionnel", refused.Text, StringComparison.Ordinal);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Memberships.CountAsync(m => m.OrganizationId == establishment.Id)));
    }

    private async Task<Guid> ProfessionalAsync(string username)
    {
        await using var scope = server.Host.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<ProfessionalAccounts>();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var now = server.Host.Clock.GetUtcNow();
        var user = new SesameUser { Id = Guid.CreateVersion7(now), UserName = username, CreatedAt = now, TermsAcceptedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await accounts.CreateAsync(user, NewPassword, accounts.Protect(new ProfessionalName(CivilityTitle.Madame, "Marie", "Lavoie")), [.. SecurityQuestions.All.Select(Answer)], now);
        Assert.True(created.Succeeded);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return user.Id;
    }
}
