package dev.glmbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class GlmBatchApplication {
}
