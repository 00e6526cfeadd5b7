using Adal.Features.Accounts;
using Adal.Features.Admin;
using Adal.Features.Assignment;
using Adal.Features.Catalog;
using Adal.Features.Credentials;
using Adal.Features.Diagnostics;
using Adal.Features.Documents;
using Adal.Features.Ledger;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Adal.Features.Notifications;
using Adal.Features.Records;
using Adal.Features.Requests;
using Adal.Features.Seeding;
using Adal.Features.Sla;
using Adal.Features.University;
using Adal.Features.Verification;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Scalar.AspNetCore;

namespace Adal.Platform.Web;

/// <summary>What the platform is made of (services) and how a request flows through it (pipeline).</summary>
public static class AdalHost
{
    public static WebApplicationBuilder AddAdal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddPersistence(configuration, builder.Environment.ContentRootPath);
        services.AddAdalAuth();
        services.AddAdalRateLimits(configuration);
        services.AddTrilingualSite();
        services.AddRazorPages(o => o.RootDirectory = "/Features").AddViewLocalization();
        // Kazakh and Russian pages as text, not as &#x...; entities: smaller, and readable in "view source".
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions.Remove("exception"));
        services.AddExceptionHandler<UnexpectedErrors>();
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Adal API";
            doc.Info.Description = "Single-window e-services of the university. Sign in with POST /api/auth/login, then send Authorization: Bearer <accessToken>.";
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealth>("database", tags: ["ready"]);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IRandomSource, SharedRandomSource>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<CatalogProvider>();
        services.AddSingleton<CatalogVersions>();
        services.AddSingleton<CatalogSearches>();
        services.AddSingleton(sp => new SlaClock(WorkingCalendar.Load(CalendarPath(configuration))));
        services.AddScoped<OfficerAssignment>();
        services.AddSingleton<OfficerLoads>();
        services.AddSingleton<RequestViewCache>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<RequestViewCache>().Changes);
        services.AddScoped<PersonReads>();
        services.AddScoped<Notifier>();
        services.AddScoped<DocumentIssuer>();
        services.AddSingleton<DocumentFiles>();
        services.AddScoped<RequestWorkflow>();
        services.AddScoped<DocumentVerification>();
        services.AddScoped<ProofBundles>();
        services.AddSingleton<CredentialSigner>();
        services.AddScoped<CredentialIssuer>();
        services.AddScoped<CredentialVerifier>();
        services.AddSingleton<UniversityKeys>();
        services.AddScoped<UniversityLog>();
        services.AddRecords();
        // Data Protection keys encrypt the universities' signing keys (and cookies, tokens): they must survive restarts.
        services.AddDataProtection().SetApplicationName("adal")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration["Adal:KeysPath"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data", "keys")));
        services.Configure<SmtpOptions>(configuration.GetSection("Adal:Smtp"));
        services.AddSingleton<EmailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailDispatcher>());
        services.AddSingleton<SlaWatch>();
        if (configuration.GetValue("Adal:SlaWatch", true)) services.AddHostedService(sp => sp.GetRequiredService<SlaWatch>());
        return builder;
    }

    public static WebApplication UseAdal(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Adal API"));
        app.MapLanguageSwitch();
        app.MapAuthApi();
        app.MapCatalogApi();
        app.MapRequestsApi();
        app.MapDocumentsApi();
        app.MapVerificationApi();
        app.MapNotificationsApi();
        app.MapAdminApi();
        app.MapLedgerApi();
        app.MapProofBundleApi().MapCredentialsApi();
        app.MapRecordsApi();
        app.MapPingApi();
        app.MapRazorPages();
        return app;
    }

    /// <summary>Migrate, load and validate the catalogue (a broken definition stops start-up here), seed the demo in Development.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        var configuration = app.Configuration;
        // The working calendar is read now, not on first use: a broken calendar.yaml must stop start-up too.
        _ = app.Services.GetRequiredService<SlaClock>();
        var directory = Path.Combine(CatalogPath(configuration), "services");
        var definitions = CatalogLoader.LoadDirectory(directory);
        await PersistenceSetup.MigrateAsync(app.Services);
        if (app.Environment.IsDevelopment() || configuration.GetValue("Adal:SeedDemo", false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (await DemoUniversity.SeedAsync(scope.ServiceProvider, CancellationToken.None))
                app.Logger.LogInformation("Seeded the demo university '{Slug}'", DemoUniversity.Slug);
            Console.WriteLine($"Demo accounts (password {AccountSignIn.DemoPassword}):");
            foreach (var account in DemoUniversity.Accounts)
                Console.WriteLine($"  {account.Email,-26} {string.Join(", ", account.Roles)}");
        }
        var (catalog, changed) = await app.Services.GetRequiredService<CatalogVersions>().RecordAsync(directory, definitions, CancellationToken.None);
        app.Services.GetRequiredService<CatalogProvider>().Set(catalog);
        await CatalogVersions.RecordInLedgersAsync(app.Services, changed, CancellationToken.None);
        app.Logger.LogInformation("Catalogue: {Count} service definitions from {Directory} ({Changed} new versions)", catalog.Count, directory, changed.Count);
        // Last: the planner's statistics describe the data the host starts serving, demo included.
        await using var statistics = app.Services.CreateAsyncScope();
        await SqliteStatistics.RefreshAsync(statistics.ServiceProvider.GetRequiredService<AdalDb>(), CancellationToken.None);
    }

    public static string CatalogPath(IConfiguration configuration) =>
        configuration["Adal:CatalogPath"] ?? Path.Combine(AppContext.BaseDirectory, "catalog");

    public static string CalendarPath(IConfiguration configuration) =>
        configuration["Adal:CalendarPath"] ?? Path.Combine(CatalogPath(configuration), "calendar.yaml");
}
