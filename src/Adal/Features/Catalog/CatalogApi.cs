using Adal.Platform;
using Adal.Platform.Localization;
using Adal.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adal.Features.Catalog;

public sealed record ServiceSummary(string Slug, string Name, string Description, string Stage, FeeView Fee, int SlaHours, bool Automatic, int Version);

public sealed record FeeView(int Amount, string Currency);

public sealed record ServiceDetails(
    string Slug, string Name, string Description, string Stage, int Version, FeeView Fee, int SlaHours, bool Automatic,
    IReadOnlyList<EligibilityView> Eligibility, IReadOnlyList<FieldView> Fields, IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<StepView> Workflow, DocumentView? Document);

public sealed record EligibilityView(string Rule, string Text);

public sealed record FieldView(string Name, string Type, bool Required, string Label, IReadOnlyList<OptionView> Options,
    decimal? Min, decimal? Max, int? MinLength, int? MaxLength, string? Pattern);

public sealed record OptionView(string Value, string Label);

public sealed record AttachmentView(string Key, string Label, bool Required, IReadOnlyList<string> ContentTypes, int MaxSizeKb);

public sealed record StepView(string Key, string Role, int SlaHours, bool FourEyes, bool Automatic);

public sealed record DocumentView(string Template, string Title);

/// <summary>The catalogue is public: anyone may read what the university offers, in kk, ru or en.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/services").WithTags("Catalogue");
        api.MapGet("/", List).WithSummary("Lists or searches the services (q: words in any language; stage: admission, study, money, campus, research, international, graduation, staff)")
            .Produces<List<ServiceSummary>>().ProducesValidationProblem();
        api.MapGet("/{slug}", Get).WithSummary("One service: who may apply, the form, the attachments, the workflow, the fee and the SLA");
        return app;
    }

    private static IResult List(string? lang, string? q, string? stage, CatalogProvider catalog, CatalogSearches searches)
    {
        if (RequestLanguage(lang) is not { } language) return BadLanguage();
        LifeCycleStage? stageFilter = null;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (!Enum.TryParse<LifeCycleStage>(stage, ignoreCase: true, out var parsed) || int.TryParse(stage, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stage"] = [Languages.Text("Validation.Option", language)] },
                    title: Languages.Text("Problem.Invalid", language));
            stageFilter = parsed;
        }
        if (q?.Length > 200)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [Languages.Text("Validation.MaxLength", language, 200)] },
                title: Languages.Text("Problem.Invalid", language));
        return new JsonBytes(searches.Search(catalog.Current, q, stageFilter, language));
    }

    private static Results<Ok<ServiceDetails>, ProblemHttpResult, ValidationProblem> Get(string slug, string? lang, CatalogProvider catalog)
    {
        if (RequestLanguage(lang) is not { } language) return BadLanguage();
        var service = catalog.Current.Find(slug);
        if (service is null) return Problems.NotFound("Problem.UnknownService", language).ToProblem();
        return TypedResults.Ok(Details(service, language));
    }

    /// <summary>?lang= when given (and then it must be kk, ru or en), else the request's negotiated language.</summary>
    internal static string? RequestLanguage(string? lang) =>
        lang is null ? Languages.Current : Languages.IsSupported(lang) ? lang : null;

    internal static ValidationProblem BadLanguage() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = [Languages.Text("Validation.Language", Languages.Current)] },
            title: Languages.Text("Problem.Invalid", Languages.Current));

    public static ServiceSummary Summary(ServiceDefinition s, string language) =>
        new(s.Slug, s.Name.In(language), s.Description.In(language), Stage(s.Stage), new FeeView(s.Fee.Amount, s.Fee.Currency), s.TotalSlaHours, s.IsAutomatic, s.Version);

    public static ServiceDetails Details(ServiceDefinition s, string language) => new(
        s.Slug, s.Name.In(language), s.Description.In(language), Stage(s.Stage), s.Version,
        new FeeView(s.Fee.Amount, s.Fee.Currency), s.TotalSlaHours, s.IsAutomatic,
        s.Eligibility.Select(r => new EligibilityView(r, Languages.Text($"Eligibility.{r}", language))).ToList(),
        s.Fields.Select(f => new FieldView(f.Name, f.Type.ToString().ToLowerInvariant(), f.Required, f.Label.In(language),
            f.Options.Select(o => new OptionView(o.Value, o.Label.In(language))).ToList(), f.Min, f.Max, f.MinLength, f.MaxLength, f.Pattern)).ToList(),
        s.Attachments.Select(a => new AttachmentView(a.Key, a.Label.In(language), a.Required, a.ContentTypes, a.MaxSizeKb)).ToList(),
        s.Workflow.Select(w => new StepView(w.Key, w.Role, w.SlaHours, w.FourEyes, w.AutoDecision is not null)).ToList(),
        s.Document is null ? null : new DocumentView(s.Document.Template, s.Document.Title.In(language)));

    public static string Stage(LifeCycleStage stage) => stage.ToString().ToLowerInvariant();
}
