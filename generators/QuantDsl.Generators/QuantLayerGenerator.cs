using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuantDsl.Generators.Diagnostics;
using QuantDsl.Generators.Emit;
using QuantDsl.Generators.Extraction;
using QuantDsl.Generators.Models;

namespace QuantDsl.Generators;

/// <summary>
/// Generates the kernels and glue of every layer type annotated with a QuantDsl policy attribute.
/// One <c>ForAttributeWithMetadataName</c> pipeline per attribute; each splits into a diagnostics branch
/// and a source branch, so that a change that only moves diagnostics does not regenerate sources.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class QuantLayerGenerator : IIncrementalGenerator
{
    /// <summary>Tracking-name suffixes of the pipeline steps (the incrementality tests read them).</summary>
    public static class Steps
    {
        public const string Model = "Model";
        public const string Diagnostics = "Diagnostics";
        public const string Source = "Source";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var policy in PolicyAttribute.All)
        {
            var models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    policy.MetadataName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    (attributeContext, token) => LayerModelFactory.Create(attributeContext, policy, token))
                .WithTrackingName(policy.ShortName + "." + Steps.Model);

            var diagnostics = models
                .Select(static (model, _) => model.Diagnostics)
                .Where(static diagnostics => !diagnostics.IsEmpty)
                .WithTrackingName(policy.ShortName + "." + Steps.Diagnostics);
            context.RegisterSourceOutput(diagnostics, static (output, diagnostics) =>
            {
                foreach (var diagnostic in diagnostics)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

            var sources = models
                .Where(static model => model.Policy is not null)
                .Select(static (model, _) => new LayerSource(model.Hierarchy, model.Policy!, model.GenerateConstructor))
                .WithTrackingName(policy.ShortName + "." + Steps.Source);
            context.RegisterSourceOutput(sources, static (output, layer) =>
            {
                try
                {
                    output.AddSource(layer.Hierarchy.HintName, EmitLayer(layer));
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // Never crash the user's build: report what failed and generate nothing for this type.
                    output.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.GeneratorFailure, Location.None, layer.Hierarchy.FullName, error.GetType().Name, error.Message));
                }
            });
        }
    }

    private static string EmitLayer(LayerSource layer) => layer.Policy switch
    {
        Int8OutliersPolicy => Int8OutliersEmitter.Emit(layer),
        Fp4TrainPolicy => Fp4TrainEmitter.Emit(layer),
        _ => throw new InvalidOperationException($"No emitter for {layer.Policy.GetType().Name}."),
    };
}
