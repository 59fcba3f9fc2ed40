import { describeStorageContract, type StorageFactory } from "../test/storageContract.js";
import { describeVersionsContract } from "../test/versionsContract.js";
import { createMemoryStorage, type MemoryStorageData } from "./memoryStorage.js";

let data: MemoryStorageData | undefined;

const factory: StorageFactory = {
  async create() {
    const storage = createMemoryStorage();
    data = storage.data;
    return storage;
  },
  async reopen() {
    return createMemoryStorage(data);
  },
  async cleanup() {
    data = undefined;
  },
};

describeStorageContract("in-memory", factory);
describeVersionsContract("in-memory", factory);
