-- CreateIndex
CREATE INDEX "Person_addressId_idx" ON "Person"("addressId");

-- CreateIndex
CREATE INDEX "PowerUse_locationId_idx" ON "PowerUse"("locationId");

-- CreateIndex
CREATE INDEX "Pspo_locationId_idx" ON "Pspo"("locationId");
