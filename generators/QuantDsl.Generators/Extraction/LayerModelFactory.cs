using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using QuantDsl.Generators.Diagnostics;
using QuantDsl.Generators.Emit;
using QuantDsl.Generators.Helpers;
using QuantDsl.Generators.Models;

namespace QuantDsl.Generators.Extraction;

/// <summary>
/// The transform step: reads an annotated type into a <see cref="LayerModel"/> and validates it. Every
/// problem becomes a diagnostic; a model with any diagnostic generates no source, so a malformed
/// declaration never yields broken generated code.
/// </summary>
internal static class LayerModelFactory
{
    /// <summary>The generated code uses primary constructors (C# 12).</summary>
    private const LanguageVersion MinimumLanguageVersion = LanguageVersion.CSharp12;

    public static LayerModel Create(GeneratorAttributeSyntaxContext context, PolicyAttribute policy, CancellationToken token)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var hierarchy = new HierarchyInfo(
            symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty,
            EscapedIdentifier(symbol.Name),
            symbol.IsAbstract,
            InheritsTo(symbol));
        try
        {
            return Validate(context, symbol, syntax, hierarchy, policy, token);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var failure = DiagnosticInfo.Create(
                DiagnosticDescriptors.GeneratorFailure, syntax.Identifier.GetLocation(), hierarchy.FullName, error.GetType().Name, error.Message);
            return new LayerModel(hierarchy, null, false, new EquatableArray<DiagnosticInfo>(new[] { failure }));
        }
    }

    private static LayerModel Validate(
        GeneratorAttributeSyntaxContext context,
        INamedTypeSymbol symbol,
        TypeDeclarationSyntax syntax,
        HierarchyInfo hierarchy,
        PolicyAttribute policy,
        CancellationToken token)
    {
        var typeLocation = syntax.Identifier.GetLocation();
        var attribute = context.Attributes[0];
        var diagnostics = new List<DiagnosticInfo>();
        LayerModel Done(PolicyModel? model) =>
            new(hierarchy, diagnostics.Count == 0 ? model : null, NeedsConstructor(symbol), new EquatableArray<DiagnosticInfo>(diagnostics));

        // A name-less declaration (syntax error) is the compiler's to report.
        if (symbol.Name.Length == 0 || syntax.Identifier.IsMissing)
        {
            return new LayerModel(hierarchy, null, false, EquatableArray<DiagnosticInfo>.Empty);
        }

        // Conflicts first: the first policy attribute of the type reports, the other pipelines stay silent.
        var policies = symbol.GetAttributes().Where(a => IsPolicyAttribute(a.AttributeClass)).ToList();
        if (policies.Count > 1)
        {
            if (!SymbolEqualityComparer.Default.Equals(policies[0].AttributeClass, attribute.AttributeClass))
            {
                return new LayerModel(hierarchy, null, false, EquatableArray<DiagnosticInfo>.Empty);
            }

            string names = string.Join(", ", policies.Select(a => "[" + ShortName(a.AttributeClass) + "]"));
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingPolicies, typeLocation, symbol.Name, names));
            return Done(null);
        }

        if (!policy.IsGenerated)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PolicyNotYetGenerated, AttributeLocation(attribute, typeLocation), policy.ShortName, symbol.Name));
            return Done(null);
        }

        token.ThrowIfCancellationRequested();
        if (context.SemanticModel.Compilation is CSharpCompilation { LanguageVersion: var version } && version < MinimumLanguageVersion)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.LanguageVersionTooOld, typeLocation, symbol.Name, MajorVersion(MinimumLanguageVersion), MajorVersion(version)));
        }

        if (symbol.ContainingType is { } container)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NestedTypeUnsupported, typeLocation, symbol.Name, container.Name));
        }

        if (symbol.IsFileLocal)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalTypeUnsupported, typeLocation, symbol.Name));
        }

        if (symbol.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericTypeUnsupported, typeLocation, symbol.Name));
        }

        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeMustBePartial, typeLocation, symbol.Name, policy.ShortName));
        }

        var requiredBase = context.SemanticModel.Compilation.GetTypeByMetadataName(policy.RequiredBase);
        bool baseUnresolved = symbol.BaseType is null || symbol.BaseType.TypeKind == TypeKind.Error;
        if (requiredBase is null || (!baseUnresolved && !DerivesFrom(symbol, requiredBase)) || syntax is not ClassDeclarationSyntax)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.WrongBaseType, typeLocation, symbol.Name, policy.ShortName, policy.RequiredBase.Substring("QuantDsl.".Length)));
        }
        else if (baseUnresolved)
        {
            // The compiler reports the unresolved base type; generating against it would only add noise.
            return new LayerModel(hierarchy, null, false, EquatableArray<DiagnosticInfo>.Empty);
        }

        // A type cannot declare a member named like itself: the layer's own name must not be a generated member's.
        if (Int8OutliersEmitter.GeneratedMemberNames.Contains(symbol.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.MemberConflictsWithGenerated, typeLocation, symbol.Name, symbol.Name, policy.ShortName));
        }

        foreach (string member in Int8OutliersEmitter.GeneratedMemberNames)
        {
            if (DeclaresMember(symbol, member, out var location))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.MemberConflictsWithGenerated, location ?? typeLocation, symbol.Name, member, policy.ShortName));
            }
        }

        PolicyModel model = policy.ShortName == "Fp4Train"
            ? ReadFp4Train(attribute, symbol, typeLocation, diagnostics, out bool argumentsHaveErrors)
            : ReadInt8Outliers(attribute, symbol, typeLocation, diagnostics, out argumentsHaveErrors);
        if (argumentsHaveErrors)
        {
            // The compiler already reports the malformed argument.
            return new LayerModel(hierarchy, null, false, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        return Done(model);
    }

    private static Int8OutliersPolicy ReadInt8Outliers(
        AttributeData attribute, INamedTypeSymbol symbol, Location typeLocation, List<DiagnosticInfo> diagnostics, out bool argumentsHaveErrors)
    {
        float threshold = 6f;
        bool fromInt8 = false;
        argumentsHaveErrors = attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error);
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Value.Kind == TypedConstantKind.Error || argument.Value.Value is null)
            {
                argumentsHaveErrors = true;
                continue;
            }

            switch (argument.Key)
            {
                case "Threshold" when argument.Value.Value is float value:
                    threshold = value;
                    if (float.IsNaN(value) || float.IsInfinity(value) || value < 0f)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            DiagnosticDescriptors.InvalidAttributeArgument,
                            ArgumentLocation(attribute, "Threshold") ?? typeLocation,
                            "Int8Outliers",
                            symbol.Name,
                            $"Threshold must be a finite number >= 0 (6 is the paper's value; 0 disables the outlier decomposition), but it is {Literals.Number(value)}"));
                    }

                    break;
                case "OutlierWeightsFromInt8" when argument.Value.Value is bool value:
                    fromInt8 = value;
                    break;
            }
        }

        return new Int8OutliersPolicy(threshold, fromInt8, GemmPlan.Default);
    }

    private static Fp4TrainPolicy ReadFp4Train(
        AttributeData attribute, INamedTypeSymbol symbol, Location typeLocation, List<DiagnosticInfo> diagnostics, out bool argumentsHaveErrors)
    {
        bool dge = true;
        int dgeK = 5;
        float dgeClip = 3f;
        bool clamp = true;
        float quantile = 0.99f;
        bool compensate = true;
        bool? compensateSet = null;
        bool withQuantizedWeight = false;
        bool powerOfTwo = false;
        int gradient = 0;
        argumentsHaveErrors = attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error);
        void Invalid(string argument, string message) => diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.InvalidAttributeArgument, ArgumentLocation(attribute, argument) ?? typeLocation, "Fp4Train", symbol.Name, message));

        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Value.Kind == TypedConstantKind.Error || argument.Value.Value is null)
            {
                argumentsHaveErrors = true;
                continue;
            }

            switch (argument.Key)
            {
                case "Dge" when argument.Value.Value is bool value:
                    dge = value;
                    break;
                case "DgeK" when argument.Value.Value is int value:
                    dgeK = value;
                    if (value <= 1)
                    {
                        Invalid("DgeK", $"DgeK must be an integer > 1 (5 is the paper's value; larger is closer to the hard step), but it is {value}");
                    }

                    break;
                case "DgeClip" when argument.Value.Value is float value:
                    dgeClip = value;
                    if (!(value > 0f) || float.IsInfinity(value))
                    {
                        Invalid("DgeClip", $"DgeClip must be a finite number > 0 (3 is the paper's value), but it is {Literals.Number(value)}");
                    }

                    break;
                case "Clamp" when argument.Value.Value is bool value:
                    clamp = value;
                    break;
                case "ClampQuantile" when argument.Value.Value is float value:
                    quantile = value;
                    if (!(value > 0.5f && value < 1f))
                    {
                        Invalid("ClampQuantile", $"ClampQuantile must lie strictly between 0.5 and 1 (0.99 is the paper's value; to turn clamping off set Clamp = false), but it is {Literals.Number(value)}");
                    }

                    break;
                case "Compensate" when argument.Value.Value is bool value:
                    compensate = value;
                    compensateSet = value;
                    break;
                case "CompensateWithQuantizedWeight" when argument.Value.Value is bool value:
                    withQuantizedWeight = value;
                    break;
                case "PowerOfTwoScale" when argument.Value.Value is bool value:
                    powerOfTwo = value;
                    break;
                case "OutputGradient" when argument.Value.Value is int value:
                    gradient = value;
                    if (value < 0 || value >= Fp4TrainPolicy.GradientFormats.Length)
                    {
                        Invalid("OutputGradient", $"OutputGradient must be one of Fp4GradientFormat.E5M2, Bf16 or Fp32, but it is {value}");
                    }

                    break;
            }
        }

        if (!clamp && compensateSet == true)
        {
            Invalid("Compensate", "Compensate = true adds back what clamping removed, but Clamp = false: set Clamp = true, or remove Compensate");
        }

        if (withQuantizedWeight && (!clamp || !compensate))
        {
            Invalid("CompensateWithQuantizedWeight", "CompensateWithQuantizedWeight chooses the weight of the compensation term, but compensation is off (Clamp or Compensate is false): remove it, or turn compensation on");
        }

        return new Fp4TrainPolicy(dge, dgeK, dgeClip, clamp, quantile, clamp && compensate, withQuantizedWeight, powerOfTwo, gradient, GemmPlan.Default);
    }

    /// <summary>The name as C# source: a keyword is escaped (<c>@event</c>).</summary>
    private static string EscapedIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// Whether a base type has a non-private <c>To(Device)</c>: declared, or about to be generated because the
    /// base is itself a layer of this compilation with a generated policy (its generated part is not visible yet).
    /// </summary>
    private static bool InheritsTo(INamedTypeSymbol symbol)
    {
        for (var current = symbol.BaseType; current is not null; current = current.BaseType)
        {
            bool generatedLayer = current.GetAttributes().Any(a =>
                PolicyAttribute.All.Any(p => p.IsGenerated && a.AttributeClass?.ToDisplayString() == p.MetadataName));
            bool declaresTo = current.GetMembers("To").OfType<IMethodSymbol>().Any(m =>
                m.DeclaredAccessibility != Accessibility.Private &&
                m.Parameters.Length == 1 &&
                m.Parameters[0].Type.ToDisplayString() == "QuantDsl.Device");
            if (generatedLayer || declaresTo)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"12" for C# 12 (enum values are major·100 + minor).</summary>
    private static string MajorVersion(LanguageVersion version) =>
        ((int)version / 100).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool NeedsConstructor(INamedTypeSymbol symbol) =>
        symbol.InstanceConstructors.All(c => c.IsImplicitlyDeclared);

    private static bool IsPolicyAttribute(INamedTypeSymbol? type)
    {
        for (var current = type?.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == PolicyAttribute.BaseAttributeMetadataName)
            {
                return true;
            }
        }

        return false;
    }

    private static string ShortName(INamedTypeSymbol? attributeClass)
    {
        string name = attributeClass?.Name ?? "?";
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    private static bool DerivesFrom(INamedTypeSymbol symbol, INamedTypeSymbol baseType)
    {
        for (var current = symbol.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaresMember(INamedTypeSymbol symbol, string name, out Location? location)
    {
        foreach (var member in symbol.GetMembers(name).Concat(symbol.GetTypeMembers(name)))
        {
            if (member.IsImplicitlyDeclared)
            {
                continue;
            }

            // Only the single-argument To(Device) clashes with the generated chaining method.
            if (name == "To" && member is IMethodSymbol method &&
                !(method.Parameters.Length == 1 && method.Parameters[0].Type.ToDisplayString() == "QuantDsl.Device"))
            {
                continue;
            }

            location = member.Locations.FirstOrDefault();
            return true;
        }

        location = null;
        return false;
    }

    private static Location AttributeLocation(AttributeData attribute, Location fallback) =>
        attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? fallback;

    private static Location? ArgumentLocation(AttributeData attribute, string name) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.GetLocation();
}
