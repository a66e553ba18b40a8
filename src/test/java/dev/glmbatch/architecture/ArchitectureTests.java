package dev.glmbatch.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

/** The package rules of the code base (which package may depend on which), enforced. */
class ArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.glmbatch");
	}

	@Test
	void simulatorSharesNothingWithTheRestOfTheProject() {
		noClasses().that()
			.resideInAPackage("dev.glmbatch.simulator..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.glmbatch.llm..", "dev.glmbatch.jobdef..", "dev.glmbatch.input..",
					"dev.glmbatch.task..", "dev.glmbatch.output..", "dev.glmbatch.pipeline..", "dev.glmbatch.run..",
					"dev.glmbatch.cli..", "dev.glmbatch.system..")
			.check(classes);
	}

	@Test
	void glmWireRecordsStayBehindTheGlmAdapter() {
		classes().that()
			.resideInAPackage("dev.glmbatch.llm.glm.api..")
			.should()
			.onlyBeAccessed()
			.byAnyPackage("dev.glmbatch.llm.glm..")
			.check(classes);
	}

	@Test
	void onlyTheGlmAdapterAndItsWiringKnowGlm() {
		noClasses().that()
			.resideOutsideOfPackages("dev.glmbatch.llm.glm..", "dev.glmbatch.system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.glmbatch.llm.glm..")
			.check(classes);
	}

	@Test
	void commandLineGoesThroughRuns() {
		noClasses().that()
			.resideInAPackage("dev.glmbatch.cli..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.glmbatch.llm..", "dev.glmbatch.task..", "dev.glmbatch.output..",
					"dev.glmbatch.input.csv..")
			.check(classes);
	}

	@Test
	void webGoesThroughRunsAndJobDefinitionsOnly() {
		noClasses().that()
			.resideInAPackage("dev.glmbatch.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.glmbatch.pipeline..", "dev.glmbatch.llm..", "dev.glmbatch.input..",
					"dev.glmbatch.output..", "dev.glmbatch.task..", "dev.glmbatch.cli..", "dev.glmbatch.simulator..",
					"dev.glmbatch.system..")
			.check(classes);
		noClasses().that()
			.resideOutsideOfPackage("dev.glmbatch.web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.glmbatch.web..")
			.check(classes);
	}

	@Test
	void schedulesUseRunsNotThePipeline() {
		noClasses().that()
			.resideInAPackage("dev.glmbatch.run.schedule..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.glmbatch.pipeline..", "dev.glmbatch.llm..", "dev.glmbatch.input..",
					"dev.glmbatch.output..", "dev.glmbatch.task..", "dev.glmbatch.cli..", "dev.glmbatch.web..",
					"org.springframework.batch..")
			.check(classes);
	}

	@Test
	void tasksAreFreeOfSpringBatch() {
		noClasses().that()
			.resideInAnyPackage("dev.glmbatch.task..", "dev.glmbatch.llm..", "dev.glmbatch.jobdef..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.batch..")
			.check(classes);
	}

	@Test
	void lowerLayersDoNotReachUp() {
		noClasses().that()
			.resideInAnyPackage("dev.glmbatch.jobdef..", "dev.glmbatch.input..", "dev.glmbatch.task..",
					"dev.glmbatch.output..", "dev.glmbatch.llm..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.glmbatch.pipeline..", "dev.glmbatch.run..", "dev.glmbatch.cli..")
			.check(classes);
		noClasses().that()
			.resideInAPackage("dev.glmbatch.pipeline..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.glmbatch.run..", "dev.glmbatch.cli..")
			.check(classes);
		noClasses().that()
			.resideInAPackage("dev.glmbatch.run..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.glmbatch.cli..")
			.check(classes);
	}

	@Test
	void nothingDependsOnSystemWiring() {
		noClasses().that()
			.resideOutsideOfPackage("dev.glmbatch.system..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.glmbatch.system..")
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
			.check(classes);
	}

	@Test
	void noFieldInjection() {
		NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(classes);
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
			.check(classes);
	}

}
