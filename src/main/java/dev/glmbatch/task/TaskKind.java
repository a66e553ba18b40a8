package dev.glmbatch.task;

/** The content tasks, as the thinking policy tells them apart. */
public enum TaskKind {

	TRANSLATE, CLASSIFY, SUMMARISE, GENERATE, EXTRACT

}
