-- CreateIndex
CREATE INDEX "Incident_reportedAt_idx" ON "Incident"("reportedAt" DESC);
