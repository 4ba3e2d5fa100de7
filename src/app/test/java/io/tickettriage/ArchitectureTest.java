package io.tickettriage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The plan of the house, kept: features do not depend on each other in circles, and the product on no simulator. */
@AnalyzeClasses(packages = "io.tickettriage", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("io.tickettriage.(*)..")
            .should().beFreeOfCycles();

    /** Only the demo and the benchmarks start simulators, through the simulators' own registry. */
    @ArchTest
    static final ArchRule theProductNeverImportsTheSimulators = noClasses()
            .that().resideOutsideOfPackages("io.tickettriage.sim..", "io.tickettriage.demo..",
                    "io.tickettriage.bench..")
            .should().dependOnClassesThat().resideInAPackage("io.tickettriage.sim..");
}
