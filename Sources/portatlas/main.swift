import PortatlasCommands

Portatlas.run()
