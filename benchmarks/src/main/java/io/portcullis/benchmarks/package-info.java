/** JMH benchmarks of translation, planning and compaction, and the API-call report. */
package io.portcullis.benchmarks;
