package dev.glmbatch.architecture;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.elements.ClassesShouldConjunction;
import com.tngtech.archunit.lang.syntax.elements.ClassesThat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of the code base (which package may depend on which), enforced. */
class ArchitectureTests {

	/**
	 * The packages a run is built from: the layers above runs (the web front end,
	 * schedules) reach them only through the run layer.
	 */
	private static final List<String> RUN_PARTS = List.of("dev.glmbatch.pipeline..", "dev.glmbatch.llm..",
			"dev.glmbatch.input..", "dev.glmbatch.output..", "dev.glmbatch.task..");

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.glmbatch");
	}

	@Test
	void simulatorSharesNothingWithTheRestOfTheProject() {
		noDependencyOf("dev.glmbatch.simulator..")
			.resideInAnyPackage("dev.glmbatch.llm..", "dev.glmbatch.jobdef..", "dev.glmbatch.input..",
					"dev.glmbatch.task..", "dev.glmbatch.output..", "dev.glmbatch.pipeline..", "dev.glmbatch.run..",
					"dev.glmbatch.cli..", "dev.glmbatch.system..", "dev.glmbatch.progress..")
			.because(
					"the simulator stands in for the real GLM service, so it must not know the client it is tested against")
			.check(classes);
	}

	@Test
	void glmWireRecordsStayBehindTheGlmAdapter() {
		classes().that()
			.resideInAPackage("dev.glmbatch.llm.glm.api..")
			.should()
			.onlyBeAccessed()
			.byAnyPackage("dev.glmbatch.llm.glm..")
			.because(
					"the rest of the code speaks the provider-neutral llm types, so a wire change stays in the adapter")
			.check(classes);
	}

	@Test
	void onlyTheGlmAdapterAndItsWiringKnowGlm() {
		noClasses().that()
			.resideOutsideOfPackages("dev.glmbatch.llm.glm..", "dev.glmbatch.system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.glmbatch.llm.glm..")
			.because("another provider or dialect must be a new adapter, not a change all over the code")
			.check(classes);
	}

	@Test
	void commandLineGoesThroughRuns() {
		noDependencyOf("dev.glmbatch.cli..")
			.resideInAnyPackage("dev.glmbatch.pipeline..", "dev.glmbatch.llm..", "dev.glmbatch.task..",
					"dev.glmbatch.output..", "dev.glmbatch.input.csv..")
			.because("commands start, resume and report runs through the run layer, which the service uses as well")
			.check(classes);
	}

	@Test
	void webGoesThroughRunsAndJobDefinitionsOnly() {
		noDependencyOf("dev.glmbatch.web..")
			.resideInAnyPackage(runPartsAnd("dev.glmbatch.cli..", "dev.glmbatch.simulator..", "dev.glmbatch.system.."))
			.because("the API and dashboard are one more front end to runs, like the command line")
			.check(classes);
		noClasses().that()
			.resideOutsideOfPackage("dev.glmbatch.web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.glmbatch.web..")
			.because("the command line and the runs work without the web layer")
			.check(classes);
	}

	@Test
	void schedulesUseRunsNotThePipeline() {
		noDependencyOf("dev.glmbatch.run.schedule..")
			.resideInAnyPackage(runPartsAnd("dev.glmbatch.cli..", "dev.glmbatch.web..", "org.springframework.batch.."))
			.because("a schedule only decides when a run starts; the run layer knows how")
			.check(classes);
	}

	@Test
	void tasksAreFreeOfSpringBatch() {
		noDependencyOf("dev.glmbatch.task..", "dev.glmbatch.llm..", "dev.glmbatch.jobdef..")
			.resideInAPackage("org.springframework.batch..")
			.because("what a row means (task, model call, job file) is testable and reusable without a job repository")
			.check(classes);
	}

	@Test
	void lowerLayersDoNotReachUp() {
		noDependencyOf("dev.glmbatch.jobdef..", "dev.glmbatch.input..", "dev.glmbatch.task..", "dev.glmbatch.output..",
				"dev.glmbatch.llm..", "dev.glmbatch.progress..")
			.resideInAnyPackage("dev.glmbatch.pipeline..", "dev.glmbatch.run..", "dev.glmbatch.cli..")
			.because("the building blocks are used by the pipeline and runs, never the other way round")
			.check(classes);
		noDependencyOf("dev.glmbatch.pipeline..").resideInAnyPackage("dev.glmbatch.run..", "dev.glmbatch.cli..")
			.because("the pipeline assembles one job; starting, resuming and reporting runs is the run layer's")
			.check(classes);
		noDependencyOf("dev.glmbatch.run..").resideInAPackage("dev.glmbatch.cli..")
			.because("the service starts runs too, so runs must not depend on the command line")
			.check(classes);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.glmbatch.(*)..")
			.should()
			.beFreeOfCycles()
			.because("one-way dependencies keep each package understandable and testable on its own")
			.check(classes);
	}

	@Test
	void nothingDependsOnSystemWiring() {
		noClasses().that()
			.resideOutsideOfPackage("dev.glmbatch.system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.glmbatch.system..")
			.because("system only wires beans together; code that needs a collaborator takes it in its constructor")
			.check(classes);
	}

	@Test
	void onlyTheCommandLinePrintsToTheConsole() {
		noClasses().that()
			.resideOutsideOfPackage("dev.glmbatch.cli..")
			.should()
			.accessField(System.class, "out")
			.orShould()
			.accessField(System.class, "err")
			.because("the service and the tests must not get console output; everything else logs or returns")
			.check(classes);
	}

	@Test
	void noFieldInjection() {
		NO_CLASSES_SHOULD_USE_FIELD_INJECTION
			.because("constructor injection makes a class's collaborators explicit and its fields final")
			.check(classes);
	}

	@Test
	void noImplOrUtilNames() {
		noClasses().should()
			.haveSimpleNameEndingWith("Impl")
			.orShould()
			.haveSimpleNameEndingWith("Util")
			.orShould()
			.haveSimpleNameEndingWith("Utils")
			.orShould()
			.haveSimpleNameEndingWith("Helper")
			.orShould()
			.haveSimpleNameEndingWith("Manager")
			.because("a name should say what a class does; these suffixes say nothing")
			.check(classes);
	}

	/**
	 * The start of a rule that no class in {@code packages} depends on the classes that
	 * the rest of the rule names.
	 */
	private static ClassesThat<ClassesShouldConjunction> noDependencyOf(String... packages) {
		return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat();
	}

	/** {@link #RUN_PARTS} and the {@code others}, for a rule that forbids them all. */
	private static String[] runPartsAnd(String... others) {
		return Stream.concat(RUN_PARTS.stream(), Stream.of(others)).toArray(String[]::new);
	}

}
